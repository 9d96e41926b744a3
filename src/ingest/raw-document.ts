/**
 * What a reader hands to the pipeline: the document text (written once, never changed), where
 * it came from, what the page said about itself, and regions already known from markup.
 */
import type { Metadata, Region, Source } from '../core/document.js';

export interface RawDocument {
  source: Source;
  text: string;
  metadata: NonNullable<Metadata>;
  /** Regions known from the input's structure (HTML headings, captions, title), not guessed. */
  knownRegions: Region[];
  /** Problems met while reading (e.g. a guessed encoding), kept on the document. */
  warnings: { code: string; message: string }[];
}

/** An input that could not be read: it becomes an error line and the batch goes on. */
export interface InputFailure {
  source: { uri: string; format?: Source['format']; line?: number; id?: string };
  code: string;
  message: string;
}

export type ReadResult = { ok: true; doc: RawDocument } | { ok: false; failure: InputFailure };
