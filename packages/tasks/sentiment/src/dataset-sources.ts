/**
 * Where `recurrent data fetch sst2|imdb|uci` downloads from, and the checksum each download
 * must match. The publishers of SST-2 (GLUE) and IMDB publish no checksum; the md5 values
 * pinned here are the ones torchtext pins for the same URLs (torchtext/datasets/sst2.py,
 * imdb.py). UCI publishes none either and no pinned value was available when this was
 * written: that download is verified against its size only, and its sha256 is printed so
 * it can be pinned (see the README).
 */
export interface DatasetSource {
  readonly name: string;
  readonly url: string;
  /** File name in the cache folder. */
  readonly file: string;
  readonly checksum?: { readonly algorithm: 'md5' | 'sha256'; readonly hex: string };
  /** What to tell the user to run once it is there (`{dir}` is the cache folder). */
  readonly next: string;
  /** Unpack a zip into the cache folder after the download. */
  readonly unzip?: boolean;
  readonly citation: string;
}

export const datasetSources: Readonly<Record<string, DatasetSource>> = Object.freeze({
  sst2: {
    name: 'sst2',
    url: 'https://dl.fbaipublicfiles.com/glue/data/SST-2.zip',
    file: 'SST-2.zip',
    checksum: { algorithm: 'md5', hex: '9f81648d4199384278b86e315dac217c' },
    unzip: true,
    next: 'recurrent train sentiment --data {dir}/SST-2/train.tsv --test {dir}/SST-2/dev.tsv --format glue-sst2',
    citation:
      'Socher et al. 2013 (Stanford Sentiment Treebank), as packaged by GLUE (Wang et al. 2019)',
  },
  imdb: {
    name: 'imdb',
    url: 'http://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz',
    file: 'aclImdb_v1.tar.gz',
    checksum: { algorithm: 'md5', hex: '7c2ac02c03563afcf9b574c7e56c153a' },
    next: 'recurrent train sentiment --data {dir}/aclImdb_v1.tar.gz --max-length 400',
    citation: 'Maas et al. 2011, Learning Word Vectors for Sentiment Analysis (ACL)',
  },
  uci: {
    name: 'uci',
    url: 'https://archive.ics.uci.edu/ml/machine-learning-databases/00331/sentiment%20labelled%20sentences.zip',
    file: 'sentiment-labelled-sentences.zip',
    unzip: true,
    next: 'recurrent train sentiment --data "{dir}/sentiment labelled sentences/yelp_labelled.txt" --format uci',
    citation: 'Kotzias et al. 2015, From Group to Individual Labels using Deep Features (KDD)',
  },
});
