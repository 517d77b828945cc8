/** A growable Int32Array (doubling), for token streams of unknown length. */
export class Int32Builder {
  #buffer = new Int32Array(1 << 16);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    if (this.#length === this.#buffer.length) {
      const grown = new Int32Array(this.#buffer.length * 2);
      grown.set(this.#buffer);
      this.#buffer = grown;
    }
    this.#buffer[this.#length++] = value;
  }

  /** The values so far, as an exactly sized array (one copy). */
  toInt32Array(): Int32Array {
    return this.#buffer.slice(0, this.#length);
  }
}
