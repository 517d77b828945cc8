/**
 * Stable pieces of each package README's example output: each must appear in the output
 * block the README shows and in what the example prints when run from the installed
 * tarballs (spaces squeezed). Seeded numbers on the cpu backend are stable; timings,
 * losses that depend on the backend and generated text are not, so they are left out.
 */
export const EXAMPLE_TOKENS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  '@recurrent/backends': ['wasm yes', 'cpu yes', 'webgl no: WebGL needs a browser'],
  '@recurrent/captioning': [
    "'a large green circle above a small blue circle above a small blue circle'",
    'after 60 steps',
    'held-out BLEU-4',
  ],
  '@recurrent/cells': [
    'output [[-0.0632,0.2014],[-0.0783,-0.0201]]',
    "pytorch [ 'weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0' ]",
  ],
  '@recurrent/char-lm': ["source: 'moby-dick'", 'vocabSize: 93', 'valLoss:', 'bitsPerChar:'],
  '@recurrent/data': [
    'tokens ["do","n\'t","give","up","the","ship",",","ahab","!"]',
    'seqs [[1,1,7],[4,8,5,4,6]]',
  ],
  '@recurrent/decode': ['[ [ 1, 1, 1, 1, 1 ] ]', 'tokens: [ 2, 3 ]', 'finished: true'],
  '@recurrent/errors': ['ConfigError: padSequences: expected maxLength >= 1, got the number 0.'],
  '@recurrent/clinical': [
    'data: generated (400 stays, seed 2012',
    '2 stratified folds',
    'final: 2-fold test AUROC',
  ],
  '@recurrent/lab': ['rnn ||dL/dh_1|| / ||dL/dh_60|| =', 'lstm-chrono ||dL/dh_1||'],
  '@recurrent/random': ['0.910599 3 [ 3, 1, 2, 5, 4 ]'],
  '@recurrent/sentiment': [
    'UCI test accuracy',
    '"I\'d rather would have lunch instead of going to the boring workshop"',
    'P(positive) after each token: the',
  ],
  '@recurrent/task': ["[ 'valLoss', 'bitsPerChar' ] best by valLoss", 'Unknown task "chess".'],
  '@recurrent/train': ['completed runs/readme/latest', "[ '4.137', '-4.137' ]"],
});
