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
  /**
   * Set when the reader left the HTML to be read later (ingest reads pages on its analysis threads,
   * not on the thread that reads the files): `text` is then the page's markup, or empty and `bytes`
   * the HTML file not yet decoded; readDeferred() (read-inputs.ts) makes the document. `where`
   * prefixes a failure's message ("record 3: "), `code` replaces the failure code the HTML reader gives.
   */
  markup?: { kind: 'html'; where?: string; code?: string; bytes?: Uint8Array };
}

/** An input that could not be read: it becomes an error line and the batch goes on. */
export interface InputFailure {
  source: { uri: string; format?: Source['format']; line?: number; id?: string };
  code: string;
  message: string;
}

export type ReadResult = { ok: true; doc: RawDocument } | { ok: false; failure: InputFailure };
