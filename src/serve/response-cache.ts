/**
 * The API's answers kept per URL as UTF-8 bytes (and gzipped on first demand), least recently used
 * out first, within an entry count and a byte budget, and all dropped as soon as the store's data
 * version moves (a write here or by another process): a dashboard asks the same views again.
 */
import { gzipSync } from 'node:zlib';

export interface CachedAnswer {
  raw: Uint8Array;
  /** The gzipped bytes, made the first time a client accepts gzip. */
  gzip?: Uint8Array;
  /** False for an answer that was computed but not kept (cache off, too large, data changed). */
  kept: boolean;
}

/** Answers smaller than this go out as they are: gzip would save little. */
const GZIP_MIN = 1024;

export class ResponseCache {
  private readonly entries = new Map<string, CachedAnswer>();
  private bytes = 0;
  private version: number | null = null;
  hits = 0;
  misses = 0;

  constructor(readonly maxEntries: number, private readonly dataVersion: () => Promise<number>, readonly maxBytes = 128 * 1024 * 1024) {}

  async get(key: string, compute: () => Promise<string>): Promise<CachedAnswer> {
    if (this.maxEntries <= 0 || this.maxBytes <= 0) return { raw: Buffer.from(await compute()), kept: false };
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
    const answer: CachedAnswer = { raw: Buffer.from(await compute()), kept: false };
    // An answer computed while the data changed is not kept, nor one that would push out a quarter of the budget.
    if ((await this.dataVersion()) !== v || answer.raw.length > this.maxBytes / 4) return answer;
    answer.kept = true;
    this.entries.set(key, answer);
    this.grow(answer.raw.length);
    return answer;
  }

  /** The gzipped form of a kept answer (made once), or null when it is not worth it or not kept. */
  gzipped(answer: CachedAnswer): Uint8Array | null {
    if (!answer.kept || answer.raw.length < GZIP_MIN) return null;
    if (!answer.gzip) {
      answer.gzip = gzipSync(answer.raw, { level: 6 });
      this.grow(answer.gzip.length);
    }
    return answer.gzip;
  }

  private grow(n: number): void {
    this.bytes += n;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const [oldest, body] = this.entries.entries().next().value as [string, CachedAnswer];
      this.entries.delete(oldest);
      body.kept = false;
      this.bytes -= body.raw.length + (body.gzip?.length ?? 0);
      if (this.entries.size === 0) break;
    }
  }

  stats(): { entries: number; bytes: number; hits: number; misses: number } {
    return { entries: this.entries.size, bytes: this.bytes, hits: this.hits, misses: this.misses };
  }
}
