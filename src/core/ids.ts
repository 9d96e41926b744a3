/** Stable ids derived from content, so the same article gets the same id on every machine. */
import { createHash } from 'node:crypto';

/** A short content id: the first 16 hex digits of the SHA-256 of the text. */
export function contentId(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}
