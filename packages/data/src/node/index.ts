export { fileSource, fileSourceDefaults } from './file-source.js';
