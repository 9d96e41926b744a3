/** Stable ids derived from content, so the same article gets the same id on every machine. */
import { createHash } from 'node:crypto';

/** A short content id: the first 16 hex digits of the SHA-256 of the text (as UTF-8), or of the bytes. */
export function contentId(text: string | Uint8Array): string {
  return (typeof text === 'string' ? createHash('sha256').update(text, 'utf8') : createHash('sha256').update(text)).digest('hex').slice(0, 16);
}
