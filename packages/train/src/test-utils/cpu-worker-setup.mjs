// The worker setup of the data-parallel tests: the cpu backend in each worker thread.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';

export async function setupWorker() {
  tf.env().set('IS_TEST', true); // no "install tfjs-node" banner from every worker
  await tf.setBackend('cpu');
}
