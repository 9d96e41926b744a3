/**
 * JSON Lines writer: one document (or error record) per line, written with a single write call
 * so that no line is ever half-written, even when the process is interrupted between documents.
 */
import type { Document, ErrorRecord } from '../../core/document.js';

export function jsonLine(record: Document | ErrorRecord): string {
  return JSON.stringify(record) + '\n';
}
