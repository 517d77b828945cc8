/**
 * How a task's weights cross to PyTorch and back (`recurrent export --format pytorch`,
 * `recurrent import`): the task names its tensors the way `recurrent_torch` (python/) builds
 * its modules (`embedding.weight`, `rnn.weight_ih_l0`, `head.weight`: `nn.Module`
 * `state_dict()` names and layouts) and says what that package needs besides config.json.
 * A task without one cannot be exported to PyTorch; the CLI says which tasks can.
 */
import type { JsonValue, TensorRecord } from '@recurrent/train';
import type * as tf from '@tensorflow/tfjs-core';

/** A model's weights in PyTorch's layout, with the architecture `recurrent_torch` rebuilds. */
export interface PytorchExport {
  /** PyTorch state-dict name -> a new tensor in PyTorch's layout (the caller disposes them). */
  readonly stateDict: Record<string, tf.Tensor>;
  /** config.json's `pytorch` entry: the module to build and its sizes (`{ model: 'CharLm', ... }`). */
  readonly config: Record<string, JsonValue>;
}

export interface PytorchMapping<Model> {
  /** The model's weights under PyTorch names; refuses (ConfigError) what PyTorch cannot run. */
  toPytorch(model: Model): PytorchExport;
  /**
   * The checkpoint weights (this task's names and layouts) of a model built from `config`
   * (the run's config.json: task, hyperParameters, vocabulary, ...) with `stateDict` loaded.
   * Every name and shape is checked first: a missing, unknown or misshapen tensor is a
   * CheckpointError that names it. `where` names the source in messages.
   */
  fromPytorch(
    config: Readonly<Record<string, JsonValue>>,
    stateDict: ReadonlyMap<string, TensorRecord>,
    where: string,
  ): Promise<Map<string, TensorRecord>>;
}
