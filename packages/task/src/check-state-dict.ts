/**
 * Checks a PyTorch state dict against the one a model would export: the same names, each
 * with the same shape. What is wrong is named tensor by tensor, so a user can find it in
 * the Python code that wrote the file.
 */
import { CheckpointError } from '@recurrent/errors';
import type { TensorRecord } from '@recurrent/train';

const shapeText = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/**
 * @example
 * checkStateDict('exports/char-lm/model.safetensors', { 'head.bias': [93] }, stateDict);
 * // CheckpointError: ...: tensor "head.bias" has shape [90], expected [93] ...
 */
export function checkStateDict(
  where: string,
  expected: Readonly<Record<string, readonly number[]>>,
  given: ReadonlyMap<string, TensorRecord>,
): void {
  const names = Object.keys(expected);
  const missing = names.filter((n) => !given.has(n));
  const unknown = [...given.keys()].filter((n) => !(n in expected));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [
      missing.length ? `missing ${missing.map((n) => `"${n}"`).join(', ')}` : '',
      unknown.length ? `unknown ${unknown.map((n) => `"${n}"`).join(', ')}` : '',
    ].filter(Boolean);
    throw new CheckpointError(
      `${where}: the state dict does not fit the model of config.json (${parts.join('; ')}). Expected exactly: ${names.join(', ')}. Save model.state_dict() of the module recurrent_torch.load() built, without renaming.`,
    );
  }
  for (const name of names) {
    const want = expected[name]!;
    const record = given.get(name)!;
    if (record.dtype !== 'float32') {
      throw new CheckpointError(
        `${where}: tensor "${name}" is ${record.dtype}, expected float32. Save the weights as torch.float32.`,
      );
    }
    if (record.shape.length !== want.length || record.shape.some((d, i) => d !== want[i])) {
      throw new CheckpointError(
        `${where}: tensor "${name}" has shape ${shapeText(record.shape)}, expected ${shapeText(want)} (from the hyper-parameters in config.json). Keep the module's sizes as recurrent_torch.load() built them.`,
      );
    }
  }
}
