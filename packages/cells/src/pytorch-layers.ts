/**
 * Lists the per-direction, per-layer cells of a model the way PyTorch names them:
 * a plain cell is layer 0 (`_l0`); `bidirectional(f, b)` is `_l0` and `_l0_reverse`;
 * `stackCells([...])` numbers its layers `_l0`, `_l1`, ... and each bidirectional layer
 * adds `_reverse`. This is the structure of `nn.LSTM(num_layers, bidirectional)`.
 */
import { ConfigError } from '@recurrent/errors';
import type { BidirectionalCell } from './bidirectional.js';
import type { Cell, GruCell, LstmCell, SimpleRnnCell } from './cell.js';
import type { StackedCell } from './stack-cells.js';

export type BaseCell = SimpleRnnCell | LstmCell | GruCell;

export interface PytorchLayer {
  /** `_l0`, `_l0_reverse`, `_l1`, ... */
  readonly suffix: string;
  readonly cell: BaseCell;
}

function isBase(cell: Cell): cell is BaseCell {
  return cell.kind === 'rnn' || cell.kind === 'lstm' || cell.kind === 'gru';
}

function layerCells(who: string, cell: Cell, k: number): PytorchLayer[] {
  if (isBase(cell)) return [{ suffix: `_l${k}`, cell }];
  if (cell.kind === 'bidirectional') {
    const { forward, backward } = cell as BidirectionalCell;
    if (isBase(forward) && isBase(backward)) {
      return [
        { suffix: `_l${k}`, cell: forward },
        { suffix: `_l${k}_reverse`, cell: backward },
      ];
    }
  }
  throw new ConfigError(
    `${who}: PyTorch's RNN modules have no counterpart for a "${cell.kind}" cell ("${cell.name}") at layer ${k}. Use a cell, bidirectional(cell, cell), or stackCells of those.`,
  );
}

/** The model's cells in PyTorch's order, each with its name suffix. */
export function pytorchLayers(who: string, model: Cell): PytorchLayer[] {
  if (model.kind === 'stack') {
    return (model as StackedCell).cells.flatMap((layer, k) => layerCells(who, layer, k));
  }
  return layerCells(who, model, 0);
}
