/**
 * A read-only map from 32-bit integer keys to non-zero 32-bit values, in one typed array with open
 * addressing: the tagger's word → ambiguity-class lookup, which a Map made slow (heap-number keys).
 */

export class IntMap {
  private readonly slots: Int32Array;
  private readonly mask: number;
  readonly size: number;

  constructor(keys: ArrayLike<number>, values: ArrayLike<number>) {
    let cap = 2;
    while (cap < keys.length * 2) cap <<= 1;
    this.slots = new Int32Array(2 * cap);
    this.mask = cap - 1;
    this.size = keys.length;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]! | 0;
      let h = this.home(k);
      while (this.slots[2 * h + 1] !== 0 && this.slots[2 * h] !== k) h = (h + 1) & this.mask;
      this.slots[2 * h] = k;
      // Values are stored as given; 0 would read as an empty slot, so it is kept out by contract.
      this.slots[2 * h + 1] = values[i]! | 0 || 1;
    }
  }

  private home(k: number): number {
    return (Math.imul(k ^ (k >>> 16), 0x45d9f3b) >>> 0) & this.mask;
  }

  /** The value of key (compared as a 32-bit integer), or undefined. */
  get(key: number): number | undefined {
    const k = key | 0;
    let h = this.home(k);
    for (;;) {
      const v = this.slots[2 * h + 1]!;
      if (v === 0) return undefined;
      if (this.slots[2 * h] === k) return v >>> 0;
      h = (h + 1) & this.mask;
    }
  }
}
