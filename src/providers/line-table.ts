// An id → line table for a replay file in 16 bytes a row: a 32-bit hash of the id and where its line lies.
// The id itself is not kept: the line is read to get the output anyway, and it names its id, so a row whose
// hash matches by chance is told apart by reading it. 100,000 rows are ~2 MB, where a Map of ids was ~6 MB.

/** FNV-1a over UTF-16 code units. */
export function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class LineTable {
  #hashes = new Uint32Array(1024);
  #offsets = new Float64Array(1024);
  #lengths = new Uint32Array(1024);
  /** Open addressing: row + 1 per slot, 0 for empty; kept at most half full. */
  #slots = new Uint32Array(2048);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Rows whose id hashes like `id`: the caller reads each line and keeps the one that names `id`. */
  *candidates(id: string): Generator<{ offset: number; length: number }> {
    const hash = hashOf(id);
    const mask = this.#slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.#slots[slot] ?? 0;
      if (entry === 0) return;
      const row = entry - 1;
      if (this.#hashes[row] === hash)
        yield { offset: this.#offsets[row] ?? 0, length: this.#lengths[row] ?? 0 };
    }
  }

  add(id: string, offset: number, length: number): void {
    if (this.#size === this.#hashes.length) this.#growRows();
    if (2 * (this.#size + 1) > this.#slots.length) this.#rehash(this.#slots.length * 2);
    const row = this.#size++;
    const hash = hashOf(id);
    this.#hashes[row] = hash;
    this.#offsets[row] = offset;
    this.#lengths[row] = length;
    this.#place(row, hash);
  }

  #place(row: number, hash: number): void {
    const mask = this.#slots.length - 1;
    let slot = hash & mask;
    while ((this.#slots[slot] ?? 0) !== 0) slot = (slot + 1) & mask;
    this.#slots[slot] = row + 1;
  }

  #growRows(): void {
    const grow = <T extends Uint32Array | Float64Array>(from: T, make: (n: number) => T): T => {
      const next = make(from.length * 2);
      next.set(from);
      return next;
    };
    this.#hashes = grow(this.#hashes, (n) => new Uint32Array(n));
    this.#offsets = grow(this.#offsets, (n) => new Float64Array(n));
    this.#lengths = grow(this.#lengths, (n) => new Uint32Array(n));
  }

  #rehash(capacity: number): void {
    this.#slots = new Uint32Array(capacity);
    for (let row = 0; row < this.#size; row++) this.#place(row, this.#hashes[row] ?? 0);
  }
}
