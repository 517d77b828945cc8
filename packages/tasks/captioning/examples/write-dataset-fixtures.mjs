// Writes fixtures/flickr8k, fixtures/coco, fixtures/karpathy (tiny folders in the real
// layouts of Flickr8k, COCO captions 2017 and the Karpathy split, with JPEG images of
// generated scenes and the scenes' captions written Flickr-style) and fixtures/images (the
// decoder's odd files: alpha, greyscale, truncated, corrupt, not PNG/JPEG). Each data set
// also holds what real downloads hold: an image with no file, captions of an image in no
// split. Run: node examples/write-dataset-fixtures.mjs (after `pnpm build`).
// biome-ignore-all lint/suspicious/noConsole: a generator prints what it wrote
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { captionScene, generateScenes, renderScene } from '@recurrent/captioning';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

const fixtures = new URL('../fixtures/', import.meta.url).pathname;
const SIZE = 40; // not the model's 32: loading resizes
let written = 0;
const write = (path, bytes) => {
  mkdirSync(path.slice(0, path.lastIndexOf('/')), { recursive: true });
  writeFileSync(path, bytes);
  written++;
};

function jpegOf(scene) {
  const pixels = renderScene(scene);
  const data = Buffer.alloc(SIZE * SIZE * 4);
  for (let i = 0; i < SIZE * SIZE; i++) {
    for (let c = 0; c < 3; c++) data[4 * i + c] = Math.round(255 * pixels[3 * i + c]);
    data[4 * i + 3] = 255;
  }
  return jpeg.encode({ data, width: SIZE, height: SIZE }, 90).data;
}

/** "A small red circle left of a large blue square ." as Flickr8k writes captions. */
const flickrStyle = (caption) => `${caption[0].toUpperCase()}${caption.slice(1)} .`;

const scenes = (split, count, seed) =>
  generateScenes({ split, count, seed, imageSize: SIZE }).map((scene) => ({
    scene,
    jpeg: jpegOf(scene),
    captions: captionScene(scene).map(flickrStyle),
  }));

// Flickr8k: 12 train, 4 dev, 4 test; one listed image without its file, one captioned image in no split
{
  const root = `${fixtures}flickr8k`;
  rmSync(root, { recursive: true, force: true });
  const splits = {
    train: scenes('train', 12, 81),
    dev: scenes('validation', 4, 82),
    test: scenes('held-out', 4, 83),
  };
  const tokens = [];
  const lists = {};
  let n = 0;
  for (const [split, items] of Object.entries(splits)) {
    lists[split] = [];
    for (const item of items) {
      const name = `${1000 + n++}_scene.jpg`;
      write(`${root}/Flicker8k_Dataset/${name}`, item.jpeg);
      lists[split].push(name);
      for (const [k, c] of item.captions.entries()) tokens.push(`${name}#${k}\t${c}`);
    }
  }
  lists.train.push('1999_missing.jpg'); // listed and captioned, but no file
  tokens.push('1999_missing.jpg#0\tA photo nobody downloaded .');
  const [orphan] = scenes('train', 1, 84);
  write(`${root}/Flicker8k_Dataset/1998_orphan.jpg`, orphan.jpeg); // a file and captions, no split
  for (const [k, c] of orphan.captions.entries()) tokens.push(`1998_orphan.jpg#${k}\t${c}`);
  write(`${root}/Flickr8k.token.txt`, `${tokens.join('\n')}\n`);
  for (const [split, file] of [
    ['train', 'trainImages'],
    ['dev', 'devImages'],
    ['test', 'testImages'],
  ])
    write(`${root}/Flickr_8k.${file}.txt`, `${lists[split].join('\n')}\n`);
  // the same caption file with one line whose tab became spaces
  const broken = [...tokens];
  broken[3] = broken[3].replace('\t', '    ');
  write(`${fixtures}flickr8k-missing-tab/Flickr8k.token.txt`, `${broken.join('\n')}\n`);
}

// COCO captions 2017: 8 train, 4 val; an image without its file, captions of an unlisted id
{
  const root = `${fixtures}coco`;
  rmSync(root, { recursive: true, force: true });
  let id = 1;
  for (const [prefix, split, count, seed] of [
    ['train', 'train', 8, 91],
    ['val', 'held-out', 4, 92],
  ]) {
    const images = [];
    const annotations = [];
    for (const item of scenes(split, count, seed)) {
      const file_name = `${String(id).padStart(12, '0')}.jpg`;
      images.push({ id, file_name, width: SIZE, height: SIZE });
      write(`${root}/${prefix}2017/${file_name}`, item.jpeg);
      for (const caption of item.captions)
        annotations.push({ id: 100 * id + annotations.length, image_id: id, caption });
      id++;
    }
    if (prefix === 'train') {
      images.push({ id: 900, file_name: '000000000900.jpg', width: SIZE, height: SIZE }); // no file
      annotations.push({ id: 90000, image_id: 900, caption: 'A photo nobody downloaded.' });
      annotations.push({ id: 90100, image_id: 901, caption: 'A caption of no listed image.' });
    }
    write(
      `${root}/annotations/captions_${prefix}2017.json`,
      JSON.stringify({ info: { description: 'recurrent fixture' }, images, annotations }),
    );
  }
}

// Karpathy split (dataset_flickr8k.json): train, restval, val, test, and one image in no split
{
  const root = `${fixtures}karpathy`;
  rmSync(root, { recursive: true, force: true });
  const images = [];
  let n = 0;
  for (const [split, kind, count, seed] of [
    ['train', 'train', 6, 101],
    ['restval', 'train', 2, 102],
    ['val', 'validation', 2, 103],
    ['test', 'held-out', 3, 104],
    ['unused', 'train', 1, 105],
  ]) {
    for (const item of scenes(kind, count, seed)) {
      const filename = `${2000 + n}_scene.jpg`;
      write(`${root}/Images/${filename}`, item.jpeg);
      images.push({
        filename,
        imgid: n,
        split,
        sentids: item.captions.map((_, k) => 10 * n + k),
        sentences: item.captions.map((raw, k) => ({
          tokens: raw.toLowerCase().replace(' .', '').split(' '),
          raw,
          imgid: n,
          sentid: 10 * n + k,
        })),
      });
      n++;
    }
  }
  images.push({
    filename: '2999_missing.jpg',
    imgid: n,
    split: 'test',
    sentids: [10 * n],
    sentences: [{ tokens: ['a', 'photo'], raw: 'A photo.', imgid: n, sentid: 10 * n }],
  });
  write(`${root}/dataset_flickr8k.json`, JSON.stringify({ images, dataset: 'flickr8k' }));
}

// The decoder's odd files
{
  const root = `${fixtures}images`;
  rmSync(root, { recursive: true, force: true });
  const [item] = scenes('train', 1, 111);
  const alpha = new PNG({ width: 6, height: 4 });
  for (let i = 0; i < 24; i++) alpha.data.set(i % 6 < 3 ? [255, 0, 0, 255] : [0, 255, 0, 0], 4 * i);
  write(`${root}/alpha.png`, PNG.sync.write(alpha));
  const grey = new PNG({ width: 5, height: 3 });
  for (let i = 0; i < 15; i++) grey.data.set([i * 17, i * 17, i * 17, 255], 4 * i);
  write(`${root}/grey.png`, PNG.sync.write(grey, { colorType: 0 }));
  write(`${root}/scene.jpg`, item.jpeg);
  write(`${root}/truncated.jpg`, item.jpeg.subarray(0, Math.floor(item.jpeg.length / 3)));
  const png = PNG.sync.write(alpha);
  write(`${root}/truncated.png`, png.subarray(0, png.length - 20));
  const corrupt = Buffer.from(item.jpeg);
  corrupt.fill(0x00, 20, 200); // the quantisation and Huffman tables zeroed
  write(`${root}/corrupt.jpg`, corrupt);
  // a 1 x 1 GIF89a and a WebP header: formats we name but do not decode
  write(
    `${root}/pixel.gif`,
    Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64'),
  );
  write(`${root}/photo.webp`, Buffer.from('RIFF\x1a\x00\x00\x00WEBPVP8 ', 'latin1'));
}
console.log(`wrote ${written} files under ${fixtures}`);
