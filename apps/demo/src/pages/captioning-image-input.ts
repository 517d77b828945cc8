/**
 * Where the captioning page's image comes from: a generated scene (the package's generator,
 * seen or held-out combinations), a scene the reader builds (kind, colour and size of up to
 * three shapes; a click on the picture moves the chosen shape there), or any photo (file
 * picker or drop), resized by `createImageBitmap` to the encoder's input size. Whatever the
 * source, the picture shows the model's input, pixelated, as the worker returns it.
 */
import { h, replaceChildren } from '../lib/dom.js';
import type { PlacedShape } from '../worker/captioning-worker-module.js';
import { captioningPageDefaults, startShapes } from './captioning-defaults.js';

/** What the page asks the worker to caption (the `scene` and `caption` probes' inputs). */
export type ImageRequest =
  | { readonly kind: 'generated'; readonly split: 'train' | 'held-out'; readonly seed: number }
  | { readonly kind: 'built'; readonly shapes: PlacedShape[]; readonly seed: number }
  | {
      readonly kind: 'photo';
      readonly name: string;
      readonly rgba: number[];
      readonly width: number;
      readonly height: number;
    };

export interface ImageInput {
  readonly element: HTMLElement;
  /** Called with every new image the reader asks for. */
  onImage(listener: (request: ImageRequest) => void): void;
  /** Draws the model's input (RGB in [0, 1], `size` x `size`) and the line under it. */
  show(pixels: readonly number[], size: number, caption: string): void;
  /** The encoder's input size (from the loaded model): what a photo is resized to. */
  setSize(size: number): void;
  setEnabled(enabled: boolean): void;
}

const KINDS = ['circle', 'square', 'triangle'] as const;
const COLOURS = ['red', 'green', 'blue', 'yellow'] as const;
const SIZES = ['small', 'large'] as const;

function select<T extends string>(label: string, values: readonly T[], value: T, testid: string) {
  return h(
    'select',
    { 'aria-label': label, dataset: { testid } },
    ...values.map((v) => h('option', { value: v, selected: v === value }, v)),
  );
}

export function createImageInput(): ImageInput {
  let listener: (request: ImageRequest) => void = () => {};
  let size = 32;
  let seed = captioningPageDefaults.firstSeed;
  const shapes: PlacedShape[] = startShapes.map((s) => ({ ...s }));
  const used = [true, true, true];
  let placing = 0;

  const canvas = h('canvas', {
    className: 'caption-canvas',
    width: captioningPageDefaults.canvasPixels,
    height: captioningPageDefaults.canvasPixels,
    dataset: { testid: 'caption-image' },
    'aria-label': "the model's input image",
  });
  const under = h('p', { className: 'hint', dataset: { testid: 'image-note' } });
  const modeButtons = {
    generated: h(
      'button',
      { type: 'button', dataset: { testid: 'mode-generated' } },
      'Generated scene',
    ),
    built: h('button', { type: 'button', dataset: { testid: 'mode-built' } }, 'Build a scene'),
    photo: h('button', { type: 'button', dataset: { testid: 'mode-photo' } }, 'Your photo'),
  };
  const newSeen = h(
    'button',
    { type: 'button', className: 'primary', dataset: { testid: 'new-scene' } },
    'New scene',
  );
  const newHeldOut = h(
    'button',
    { type: 'button', dataset: { testid: 'new-held-out-scene' } },
    'New held-out scene',
  );
  const generatedPanel = h(
    'div',
    { className: 'caption-mode' },
    h('div', { className: 'controls-row' }, newSeen, newHeldOut),
    h(
      'p',
      { className: 'hint' },
      'A scene from @recurrent/captioning’s generator: 1-3 shapes in combinations the model trained on, or (held-out) with a colour-shape-relation combination it never saw, such as a red circle left of something.',
    ),
  );

  const rows = shapes.map((s, i) => {
    const use = h('input', {
      type: 'checkbox',
      checked: true,
      disabled: i === 0,
      'aria-label': `use shape ${i + 1}`,
      dataset: { testid: `use-${i + 1}` },
    });
    const kind = select(`shape ${i + 1}`, KINDS, s.shape, `shape-${i + 1}`);
    const colour = select(`colour ${i + 1}`, COLOURS, s.colour, `colour-${i + 1}`);
    const sz = select(`size ${i + 1}`, SIZES, s.size, `size-${i + 1}`);
    const place = h('input', {
      type: 'radio',
      name: 'caption-place',
      checked: i === 0,
      'aria-label': `place shape ${i + 1} with a click on the picture`,
      dataset: { testid: `place-${i + 1}` },
    });
    const changed = () => {
      used[i] = use.checked;
      shapes[i] = {
        ...shapes[i]!,
        shape: kind.value as PlacedShape['shape'],
        colour: colour.value as PlacedShape['colour'],
        size: sz.value as PlacedShape['size'],
      };
      sendBuilt();
    };
    for (const el of [use, kind, colour, sz]) el.addEventListener('change', changed);
    place.addEventListener('change', () => {
      placing = i;
    });
    return h(
      'div',
      { className: 'controls-row caption-shape' },
      h('span', {}, `${i + 1}.`),
      use,
      sz,
      colour,
      kind,
      h('label', {}, place, ' place'),
    );
  });
  const builtPanel = h(
    'div',
    { className: 'caption-mode' },
    ...rows,
    h(
      'p',
      { className: 'hint' },
      'Pick each shape’s size, colour and kind; click the picture to move the shape marked “place” there. The shapes are ordered along the direction they spread over most (left to right, or top to bottom), as in the training scenes, and drawn by the same renderer.',
    ),
  );

  const file = h('input', {
    type: 'file',
    accept: 'image/*',
    'aria-label': 'a photo to caption',
    dataset: { testid: 'photo-input' },
  });
  const photoNote = h('p', { className: 'hint', dataset: { testid: 'photo-note' } });
  const photoPanel = h(
    'div',
    { className: 'caption-mode' },
    h('div', { className: 'controls-row' }, file),
    h(
      'p',
      { className: 'hint' },
      'Any image (or drop one on the picture): the browser decodes it and resizes it to the encoder’s input, squeezed to a square. The model only ever saw coloured shapes on a dark background, so a photo gets a caption about shapes: see what it makes of yours.',
    ),
    photoNote,
  );
  const panels = { generated: generatedPanel, built: builtPanel, photo: photoPanel };
  const body = h('div', {});
  const element = h(
    'div',
    { className: 'caption-input' },
    h('div', { className: 'caption-picture' }, canvas, under),
    h(
      'div',
      { className: 'caption-controls' },
      h('div', { className: 'controls-row', role: 'tablist' }, ...Object.values(modeButtons)),
      body,
    ),
  );

  function setMode(mode: keyof typeof panels): void {
    for (const [name, button] of Object.entries(modeButtons)) {
      button.setAttribute('aria-selected', String(name === mode));
      button.classList.toggle('selected', name === mode);
    }
    element.dataset.mode = mode;
    replaceChildren(body, panels[mode]);
  }
  setMode('generated');

  function sendBuilt(): void {
    listener({
      kind: 'built',
      shapes: shapes.filter((_, i) => used[i]).map((s) => ({ ...s })),
      seed,
    });
  }
  modeButtons.generated.addEventListener('click', () => setMode('generated'));
  modeButtons.built.addEventListener('click', () => {
    setMode('built');
    sendBuilt();
  });
  modeButtons.photo.addEventListener('click', () => setMode('photo'));
  newSeen.addEventListener('click', () =>
    listener({ kind: 'generated', split: 'train', seed: ++seed }),
  );
  newHeldOut.addEventListener('click', () =>
    listener({ kind: 'generated', split: 'held-out', seed: ++seed }),
  );
  canvas.addEventListener('click', (event) => {
    if (element.dataset.mode !== 'built') return;
    const box = canvas.getBoundingClientRect();
    shapes[placing] = {
      ...shapes[placing]!,
      x: (event.clientX - box.left) / box.width,
      y: (event.clientY - box.top) / box.height,
    };
    used[placing] = true;
    (rows[placing]!.querySelector('input[type="checkbox"]') as HTMLInputElement).checked = true;
    sendBuilt();
  });

  async function readPhoto(blob: Blob, name: string): Promise<void> {
    setMode('photo');
    photoNote.textContent = `reading ${name}…`;
    try {
      const bitmap = await createImageBitmap(blob, {
        resizeWidth: size,
        resizeHeight: size,
        resizeQuality: 'high',
      });
      const scratch = new OffscreenCanvas(size, size);
      const context = scratch.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      bitmap.close();
      const rgba = Array.from(context.getImageData(0, 0, size, size).data);
      photoNote.textContent = `${name}, resized to ${size} x ${size}`;
      listener({ kind: 'photo', name, rgba, width: size, height: size });
    } catch (error) {
      photoNote.textContent = `Could not read ${name} as an image (${error instanceof Error ? error.message : String(error)}). Try a PNG, JPEG, GIF or WebP file.`;
    }
  }
  file.addEventListener('change', () => {
    const picked = file.files?.[0];
    if (picked) void readPhoto(picked, picked.name);
  });
  canvas.addEventListener('dragover', (event) => event.preventDefault());
  canvas.addEventListener('drop', (event) => {
    event.preventDefault();
    const dropped = event.dataTransfer?.files[0];
    if (dropped) void readPhoto(dropped, dropped.name);
  });

  return {
    element,
    onImage(next) {
      listener = next;
    },
    show(pixels, n, caption) {
      const context = canvas.getContext('2d')!;
      const image = new ImageData(n, n);
      for (let i = 0; i < n * n; i++) {
        for (let c = 0; c < 3; c++) {
          image.data[4 * i + c] = Math.round(255 * Math.min(1, Math.max(0, pixels[3 * i + c]!)));
        }
        image.data[4 * i + 3] = 255;
      }
      const small = new OffscreenCanvas(n, n);
      small.getContext('2d')!.putImageData(image, 0, 0);
      context.imageSmoothingEnabled = false;
      context.drawImage(small, 0, 0, canvas.width, canvas.height);
      under.textContent = caption;
    },
    setSize(next) {
      size = next;
    },
    setEnabled(enabled) {
      for (const el of element.querySelectorAll<
        HTMLButtonElement | HTMLInputElement | HTMLSelectElement
      >('button, input, select')) {
        if (el.dataset.testid === 'use-1') continue;
        el.disabled = !enabled;
      }
      const first = rows[0]!.querySelector('input[type="checkbox"]') as HTMLInputElement;
      first.disabled = true;
    },
  };
}
