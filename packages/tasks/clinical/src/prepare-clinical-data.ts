/**
 * Turns the data options into training data: the stays (generated in the PhysioNet format
 * by default, or a user's `set-a/` + `Outcomes-a.txt` folder), each stay's grid, and the
 * stratified fold of each stay. Every fold's split and normaliser derive from these and
 * the hyper-parameters, so a checkpoint's config rebuilds them exactly.
 *
 * @example
 * const data = await prepareClinicalData({ folds: 5 }, hyperParameters); // generated stays
 * const { train, validation, test } = data.split(0);
 */
import type { TaskFiles } from '@recurrent/task';
import type { JsonValue } from '@recurrent/train';
import type { ClinicalHyperParameters } from './clinical-defaults.js';
import { generateDefaults, loadGeneratedSet } from './generate-physionet-set.js';
import { type HourlyGrid, hourlyGrid } from './hourly-grid.js';
import { loadPhysionetSet, type PhysionetSet } from './load-physionet-set.js';
import { type FoldSplit, foldSplit, stratifiedFolds } from './stratified-folds.js';

export interface ClinicalDataOptions {
  /** A folder holding set-a/ and Outcomes-a.txt; absent: the generated stays. */
  readonly folder?: string;
  readonly files?: TaskFiles;
  /** Sets of the folder to load (`['a']`). */
  readonly sets?: readonly string[];
  /** Generated stays and their seed (when no folder is given). */
  readonly stays?: number;
  readonly dataSeed?: number;
  readonly folds: number;
  readonly onLog?: (line: string) => void;
}

export interface ClinicalData {
  readonly set: PhysionetSet;
  readonly grids: readonly HourlyGrid[];
  /** The fold (0..folds-1) of each stay. */
  readonly folds: Int32Array;
  readonly foldCount: number;
  readonly hyperParameters: ClinicalHyperParameters;
  /** Train, validation slice and test part of fold `f`. */
  split(f: number): FoldSplit;
  /** For config.json: what rebuilds this data. */
  readonly provenance: Record<string, JsonValue>;
}

export async function prepareClinicalData(
  options: ClinicalDataOptions,
  hp: ClinicalHyperParameters,
): Promise<ClinicalData> {
  const generated = options.folder === undefined;
  const stays = options.stays ?? generateDefaults.stays;
  const dataSeed = options.dataSeed ?? generateDefaults.seed;
  const sets = options.sets ?? ['a'];
  const set = generated
    ? await loadGeneratedSet({ stays, seed: dataSeed })
    : await loadPhysionetSet(options.files!, options.folder!, {
        sets,
        ...(options.onLog ? { onLog: options.onLog } : {}),
      });
  const grids = set.stays.map((s) => hourlyGrid(s, { stepHours: hp.stepHours }));
  const folds = stratifiedFolds(set.labels, options.folds, hp.seed);
  const splits = new Map<number, FoldSplit>();
  return {
    set,
    grids,
    folds,
    foldCount: options.folds,
    hyperParameters: hp,
    split(f) {
      if (!splits.has(f))
        splits.set(f, foldSplit(folds, f, set.labels, hp.validationFraction, hp.seed));
      return splits.get(f)!;
    },
    provenance: generated
      ? { data: 'generated', stays, dataSeed, folds: options.folds }
      : { data: options.folder!, sets: sets.join(','), folds: options.folds },
  };
}
