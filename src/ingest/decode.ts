/**
 * Bytes to text: UTF-8 by default; UTF-16 (with BOM), the charset an HTML/XML page declares
 * (<meta charset>, http-equiv Content-Type, <?xml encoding?>) and Latin-1 (windows-1252) detected
 * and decoded with a warning; binary data refused with a reason.
 */
import { CasusError } from '../core/errors.js';

export interface Decoded {
  text: string;
  /** 'utf-8', 'utf-16le', 'utf-16be', 'windows-1252', or the WHATWG name of a declared charset. */
  encoding: string;
  warning?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new CasusError('E_INPUT_EMPTY');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeUtf8(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', warning: 'decoded as UTF-16LE (byte-order mark)' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', warning: 'decoded as UTF-16BE (byte-order mark)' };
  }
  const binary = binaryReason(bytes);
  if (binary) throw new CasusError('E_INPUT_BINARY', { reason: binary });
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    const at = firstInvalidUtf8(bytes);
    // Valid UTF-8 wins over any declaration (re-saved pages keep their old <meta charset>); when
    // the bytes are not UTF-8, the page's own declaration comes before the Latin-1 guess.
    const declared = declaredCharset(bytes);
    if (declared && declared.encoding !== 'utf-8') {
      return {
        text: declared.decode(bytes),
        encoding: declared.encoding,
        warning: `not valid UTF-8 (first bad byte at offset ${at}); decoded as ${declared.encoding}, as the page declares`,
      };
    }
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      encoding: 'windows-1252',
      warning: `not valid UTF-8 (first bad byte at offset ${at}); decoded as Latin-1 (windows-1252)`,
    };
  }
}

/** The charset declared in the first 4 KB (meta charset, http-equiv, XML declaration), if TextDecoder knows it. */
export function declaredCharset(bytes: Uint8Array): TextDecoder | null {
  const head = latin1(bytes.subarray(0, 4096));
  const m = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ?? /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  if (!m) return null;
  try {
    return new TextDecoder(m[1]!.toLowerCase());
  } catch {
    return null; // a label TextDecoder does not support: fall back to the Latin-1 guess
  }
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 1024) s += String.fromCharCode(...bytes.subarray(i, i + 1024));
  return s;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Why the bytes look binary, or null: NUL bytes or many control characters in the first 8 KB. */
function binaryReason(bytes: Uint8Array): string | null {
  const n = Math.min(bytes.length, 8192);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return `NUL byte at offset ${i}`;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) controls++;
  }
  if (controls / n > 0.1) return `${Math.round((100 * controls) / n)}% control bytes`;
  // Common binary signatures, so a PDF or an image is named rather than decoded as Latin-1.
  const head = String.fromCharCode(...bytes.subarray(0, 8));
  if (head.startsWith('%PDF')) return 'PDF signature';
  if (head.startsWith('\x89PNG')) return 'PNG signature';
  if (head.startsWith('PK\x03\x04')) return 'ZIP signature';
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip signature';
  return null;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Binary search on decodability of prefixes is wrong (cut sequences), so scan sequences.
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += len;
  }
  return -1;
}
