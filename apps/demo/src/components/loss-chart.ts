/**
 * A live loss curve (uPlot): `push(step, loss)` appends a point; redraws are batched to one
 * per animation frame so a fast training stream never floods the main thread.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h, perFrame } from '../lib/dom.js';

export interface LossChart {
  readonly element: HTMLElement;
  push(step: number, loss: number): void;
  reset(): void;
  /** The points drawn so far (for tests and the summary line). */
  readonly points: number;
}

export function createLossChart(options: { label?: string; height?: number } = {}): LossChart {
  const host = h('div', { className: 'loss-chart-plot' });
  const element = h(
    'figure',
    { className: 'loss-chart', dataset: { testid: 'loss-chart' } },
    h('figcaption', {}, options.label ?? 'training loss (nats / char)'),
    host,
  );
  const steps: number[] = [];
  const losses: number[] = [];
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
          { label: 'step', stroke: '#475569', grid: { stroke: '#e2e8f0' } },
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
        ],
      },
      [steps, losses],
      host,
    );
  };

  const redraw = perFrame(() => plot?.setData([steps, losses]));
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
      redraw();
    },
    reset() {
      steps.length = 0;
      losses.length = 0;
      redraw();
    },
    get points() {
      return steps.length;
    },
  };
}
