export { createRandom, type Random, type RandomState } from './create-random.js';
