/**
 * The API's answers kept per URL, least recently used out first, all dropped as soon as the store's
 * data version moves (a write here or by another process): a dashboard asks the same views again.
 */
export class ResponseCache {
  private readonly entries = new Map<string, string>();
  private bytes = 0;
  private version: number | null = null;
  hits = 0;
  misses = 0;

  constructor(readonly maxEntries: number, private readonly dataVersion: () => Promise<number>, readonly maxBytes = 64 * 1024 * 1024) {}

  async get(key: string, compute: () => Promise<string>): Promise<string> {
    if (this.maxEntries <= 0) return compute();
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
    const value = await compute();
    // An answer computed while the data changed is not kept.
    if ((await this.dataVersion()) !== v || value.length * 2 > this.maxBytes / 4) return value;
    this.entries.set(key, value);
    this.bytes += value.length * 2;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const [oldest, body] = this.entries.entries().next().value as [string, string];
      this.entries.delete(oldest);
      this.bytes -= body.length * 2;
    }
    return value;
  }
}
