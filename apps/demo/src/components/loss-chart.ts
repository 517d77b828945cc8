/**
 * A live loss curve (uPlot): `push(step, loss)` appends a training point and
 * `pushValidation(step, loss)` marks a validation loss at a step already pushed; redraws are
 * batched to one per animation frame so a fast training stream never floods the main thread.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h, perFrame } from '../lib/dom.js';

export interface LossChart {
  readonly element: HTMLElement;
  push(step: number, loss: number): void;
  /** A validation loss at `step` (drawn as an orange point, joined to the previous one). */
  pushValidation(step: number, loss: number): void;
  reset(): void;
  /** The points drawn so far (for tests and the summary line). */
  readonly points: number;
}

const stepIncrements = [1, 2, 5]
  .flatMap((m) => [1, 10, 100, 1000, 10_000, 100_000].map((p) => m * p))
  .sort((a, b) => a - b);

export function createLossChart(options: { label?: string; height?: number } = {}): LossChart {
  const host = h('div', { className: 'loss-chart-plot' });
  const element = h(
    'figure',
    { className: 'loss-chart', dataset: { testid: 'loss-chart' } },
    h(
      'figcaption',
      {},
      options.label ?? 'loss (nats / char): training in blue, validation (held-out tail) in orange',
    ),
    host,
  );
  const steps: number[] = [];
  const losses: number[] = [];
  const validation: (number | null)[] = [];
  let plot: uPlot | undefined;

  const make = (width: number) => {
    plot?.destroy();
    plot = new uPlot(
      {
        width,
        height: options.height ?? 220,
        legend: { show: false }, // the status line beside the buttons says step and loss
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false } },
        axes: [
          // Whole steps only: a fractional step (12.5) means nothing.
          { label: 'step', stroke: '#475569', grid: { stroke: '#e2e8f0' }, incrs: stepIncrements },
          { label: 'loss', stroke: '#475569', grid: { stroke: '#e2e8f0' }, size: 56 },
        ],
        series: [
          { label: 'step' },
          {
            label: 'loss',
            stroke: '#2563eb',
            width: 2,
            value: (_u, v) => (v == null ? '–' : v.toFixed(4)),
          },
          {
            label: 'validation',
            stroke: '#f59e0b',
            width: 2,
            spanGaps: true,
            points: { show: true, size: 7, fill: '#f59e0b' },
          },
        ],
      },
      [steps, losses, validation],
      host,
    );
  };

  const redraw = perFrame(() => plot?.setData([steps, losses, validation]));
  const resize = new ResizeObserver((entries) => {
    const width = Math.max(240, Math.floor(entries[0]!.contentRect.width));
    if (!plot) make(width);
    else plot.setSize({ width, height: options.height ?? 220 });
  });
  resize.observe(host);

  return {
    element,
    push(step, loss) {
      steps.push(step);
      losses.push(loss);
      validation.push(null);
      redraw();
    },
    pushValidation(step, loss) {
      const at = steps.lastIndexOf(step);
      if (at >= 0) validation[at] = loss;
      // The validation values so far, for tests and curious readers: `2.91,2.40,2.18`.
      element.dataset.validation = validation.filter((v) => v !== null).join(',');
      redraw();
    },
    reset() {
      steps.length = 0;
      losses.length = 0;
      validation.length = 0;
      delete element.dataset.validation;
      redraw();
    },
    get points() {
      return steps.length;
    },
  };
}
