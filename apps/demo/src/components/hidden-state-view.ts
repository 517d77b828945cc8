/**
 * The hidden-state view (Karpathy, Johnson & Fei-Fei 2015): a text the model reads, each
 * character coloured by one unit's h_t or tanh(c_t); under it that unit over time (its state,
 * its gates i, f, o, and how likely the model found each character), and, folded away, every
 * unit's gates as heat maps. A layer picker appears when the model has several layers.
 */
import { h, replaceChildren } from '../lib/dom.js';
import type { CharLmTrace } from '../worker/trace-char-lm.js';
import { createFieldMessage, type FieldMessage } from './field-message.js';
import { createHeatMap, transpose, visibleChar } from './heat-map.js';
import { createTextActivation } from './text-activation.js';

export const hiddenStateViewDefaults = Object.freeze({
  gateMapHeight: 640, // px for all units of one gate map: 64 units get 10 px rows, 384 get 2 px
  maxRowHeight: 5, // px: small models keep readable rows
  minRowHeight: 1, // px: 640 units and more still draw every unit
});

export interface HiddenStateView {
  readonly element: HTMLElement;
  setEnabled(enabled: boolean): void;
  /** How many recurrent layers the current model has (a picker appears for more than one). */
  setLayers(layers: number): void;
  readonly text: string;
  readonly layer: number;
  /** The line under the text field (an empty text, a text longer than a trace takes). */
  readonly message: FieldMessage;
  /** Called with the text and layer when the user asks for a trace. */
  onTrace(listener: () => void): void;
  show(trace: CharLmTrace): void;
  /** Forgets the drawn trace (a new model is coming). */
  clear(hint: string): void;
}

export function createHiddenStateView(initialText: string): HiddenStateView {
  const listeners: (() => void)[] = [];
  const activation = createTextActivation();
  const input = h(
    'textarea',
    { rows: 3, 'aria-label': 'text to trace', dataset: { testid: 'trace-text' } },
    initialText,
  );
  const message = createFieldMessage(input, 'trace-text-message');
  input.addEventListener('input', () => message.clear());
  const button = h(
    'button',
    { type: 'button', disabled: true, dataset: { testid: 'trace-button' } },
    'Show hidden state',
  );
  const layerSelect = h('select', { 'aria-label': 'layer', dataset: { testid: 'layer-picker' } });
  const layerLabel = h('label', { className: 'inline', hidden: true }, 'layer ', layerSelect);
  const unitMap = createHeatMap({ cellWidth: 15, cellHeight: 18 });
  const gateMaps = {
    i: createHeatMap({ label: 'input gate i_t', cellWidth: 8 }),
    f: createHeatMap({ label: 'forget gate f_t', cellWidth: 8 }),
    o: createHeatMap({ label: 'output gate o_t', cellWidth: 8 }),
  };
  const unitTitle = h('h3', {});
  const unitHost = h('div', { dataset: { testid: 'unit-gates' } }, unitMap.element);
  const gatesHost = h(
    'div',
    { className: 'gate-stack', dataset: { testid: 'gate-maps' } },
    gateMaps.i.element,
    gateMaps.f.element,
    gateMaps.o.element,
  );
  const allUnits = h(
    'details',
    { className: 'all-units' },
    h('summary', {}, 'All units: gates over time (rows: units, the chosen one outlined)'),
    gatesHost,
  );
  const host = h(
    'div',
    { className: 'hidden-view', dataset: { testid: 'hidden-view' } },
    h('p', { className: 'hint' }, 'Load or train a model, then press “Show hidden state”.'),
  );
  let trace: CharLmTrace | undefined;

  function draw(t: CharLmTrace): void {
    activation.update(t);
    const unit = activation.unit;
    const cols = t.chars.map(visibleChar);
    const column = (m: readonly (readonly number[])[]) => m.map((step) => step[unit]!);
    const probability = t.probability.map((p) => (Number.isFinite(p) ? p : 0));
    const gates = t.gates;
    unitTitle.textContent = gates
      ? `Unit ${unit} over time: its state and its gates`
      : `Unit ${unit} over time (a ${t.cell.toUpperCase()} has no gates to show here)`;
    unitMap.update({
      values: [
        column(t.h),
        ...(t.c ? [column(t.c).map(Math.tanh)] : []),
        ...(gates ? [column(gates.i), column(gates.f), column(gates.o)] : []),
        probability,
      ],
      rowLabels: [
        'h_t',
        ...(t.c ? ['tanh(c_t)'] : []),
        ...(gates ? ['input i_t', 'forget f_t', 'output o_t'] : []),
        'p(char)',
      ],
      colLabels: cols,
      scale: 'sequential',
      rowScales: [
        'diverging',
        ...(t.c ? (['diverging'] as const) : []),
        ...(gates ? (['sequential', 'sequential', 'sequential'] as const) : []),
        'sequential',
      ],
    });
    if (gates && allUnits.open) drawGateMaps(t, unit, gates);
    if (!host.contains(activation.element)) {
      replaceChildren(host, activation.element, unitTitle, unitHost, allUnits);
    }
    allUnits.hidden = !gates;
    host.dataset.chars = String(t.chars.length);
    host.dataset.unit = String(unit);
    host.dataset.layer = String(t.layer);
  }

  /** Every unit's gates: drawn only while unfolded (384 units x 400 steps is 150,000 cells each). */
  function drawGateMaps(
    t: CharLmTrace,
    unit: number,
    gates: NonNullable<CharLmTrace['gates']>,
  ): void {
    const cols = t.chars.map(visibleChar);
    const units = t.h[0]?.length ?? 1;
    const d = hiddenStateViewDefaults;
    const rowHeight = Math.max(
      d.minRowHeight,
      Math.min(d.maxRowHeight, Math.floor(d.gateMapHeight / units)),
    );
    const rows = Array.from({ length: units }, (_, u) => `${u}`);
    for (const key of ['i', 'f', 'o'] as const) {
      gateMaps[key].update({
        values: transpose(gates[key]),
        rowLabels: rows,
        colLabels: cols,
        scale: 'sequential',
        highlightRow: unit,
        cellHeight: rowHeight,
      });
    }
  }
  activation.onChange(() => {
    if (trace) draw(trace);
  });
  allUnits.addEventListener('toggle', () => {
    if (allUnits.open && trace?.gates) drawGateMaps(trace, activation.unit, trace.gates);
  });
  button.addEventListener('click', () => {
    for (const l of listeners) l();
  });
  layerSelect.addEventListener('change', () => {
    for (const l of listeners) l();
  });

  const element = h(
    'div',
    {},
    input,
    message.element,
    h('div', { className: 'controls-row' }, button, layerLabel),
    host,
  );
  return {
    element,
    setEnabled(enabled) {
      button.disabled = !enabled;
      layerSelect.disabled = !enabled;
    },
    setLayers(layers) {
      const current = Math.min(Number(layerSelect.value) || 0, layers - 1);
      replaceChildren(
        layerSelect,
        ...Array.from({ length: layers }, (_, k) =>
          h('option', { value: k }, k === 0 ? '0 (reads the characters)' : String(k)),
        ),
      );
      layerSelect.value = String(current);
      layerLabel.hidden = layers <= 1;
    },
    get text() {
      return input.value;
    },
    get layer() {
      return Number(layerSelect.value) || 0;
    },
    message,
    onTrace(listener) {
      listeners.push(listener);
    },
    show(next) {
      trace = next;
      draw(next);
    },
    clear(hint) {
      trace = undefined;
      delete host.dataset.chars;
      replaceChildren(host, h('p', { className: 'hint' }, hint));
    },
  };
}
