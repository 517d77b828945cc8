/**
 * The page's entry point: starts the compute worker on the backend named in the URL
 * (`?backend=`, default auto) and mounts the layout and the router.
 */
import './styles.css';
import { mountLayout } from './layout.js';
import { backendFromUrl, injectFromUrl } from './lib/url-params.js';
import { WorkerClient } from './lib/worker-client.js';

const client = new WorkerClient(backendFromUrl(), injectFromUrl());
client.restart();
mountLayout(document.getElementById('app')!, client);

// Debug hook: the e2e tests (and a curious reader's console) reach the worker through it,
// e.g. `await recurrentDemo.client.call({ type: 'stats' })` for the worker's tensor count.
(globalThis as { recurrentDemo?: unknown }).recurrentDemo = { client };
