/**
 * The one model a task session holds, with reference counting: the worker serves requests
 * concurrently (training yields after every step, so a sample or a trace can run meanwhile),
 * and a model replaced while a request still reads it must live until that request ends.
 * `set` puts a new model in; the old one is disposed at once, or by its last reader.
 *
 * @example
 * const slot = new ModelSlot<CharLm>('Load the pretrained model or train one.');
 * slot.set(model);
 * const text = await slot.use('char-lm.generate', (m) => sample(m)); // m stays alive meanwhile
 */
import { ConfigError } from '@recurrent/errors';

export interface Disposable {
  dispose(): void;
}

export class ModelSlot<Model extends Disposable> {
  #model: Model | undefined;
  /** Readers per model still in use (the current one or retired ones). */
  readonly #readers = new Map<Model, number>();
  /** Replaced models that wait for their last reader to end. */
  readonly #retired = new Set<Model>();

  /** `empty`: what a request on an empty slot is told (how to get a model). */
  constructor(private readonly empty = 'Load a model or train one first.') {}

  /** The model held now, if any. */
  get model(): Model | undefined {
    return this.#model;
  }

  /** How many requests are reading `model` now (0 when none). */
  readers(model: Model): number {
    return this.#readers.get(model) ?? 0;
  }

  /** Puts `next` in (or empties the slot); the previous model is freed as soon as nobody reads it. */
  set(next: Model | undefined): void {
    const old = this.#model;
    this.#model = next;
    if (!old || old === next) return;
    if (this.#readers.has(old)) this.#retired.add(old);
    else old.dispose();
  }

  /** Runs `fn` on the model held now; if it is replaced meanwhile, it is disposed afterwards. */
  async use<T>(who: string, fn: (model: Model) => Promise<T>): Promise<T> {
    const model = this.#model;
    if (!model) throw new ConfigError(`${who}: no model yet. ${this.empty}`);
    this.#readers.set(model, this.readers(model) + 1);
    try {
      return await fn(model);
    } finally {
      const left = this.readers(model) - 1;
      if (left > 0) this.#readers.set(model, left);
      else {
        this.#readers.delete(model);
        if (this.#retired.delete(model)) model.dispose();
      }
    }
  }
}
