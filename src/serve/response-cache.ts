/**
 * The API's answers kept per URL as UTF-8 bytes, least recently used out first, within an entry
 * count and a byte budget, and all dropped as soon as the store's data version moves (a write here
 * or by another process): a dashboard asks the same views again and again.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Uint8Array>();
  private bytes = 0;
  private version: number | null = null;
  hits = 0;
  misses = 0;

  constructor(readonly maxEntries: number, private readonly dataVersion: () => Promise<number>, readonly maxBytes = 128 * 1024 * 1024) {}

  async get(key: string, compute: () => Promise<string>): Promise<Uint8Array> {
    if (this.maxEntries <= 0 || this.maxBytes <= 0) return Buffer.from(await compute());
    const v = await this.dataVersion();
    if (v !== this.version) {
      this.entries.clear();
      this.bytes = 0;
      this.version = v;
    }
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    this.misses++;
    const value = Buffer.from(await compute());
    // An answer computed while the data changed is not kept, nor one that would push out a quarter of the budget.
    if ((await this.dataVersion()) !== v || value.length > this.maxBytes / 4) return value;
    this.entries.set(key, value);
    this.bytes += value.length;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const [oldest, body] = this.entries.entries().next().value as [string, Uint8Array];
      this.entries.delete(oldest);
      this.bytes -= body.length;
    }
    return value;
  }

  stats(): { entries: number; bytes: number; hits: number; misses: number } {
    return { entries: this.entries.size, bytes: this.bytes, hits: this.hits, misses: this.misses };
  }
}
