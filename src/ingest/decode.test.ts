import { describe, expect, it } from 'vitest';
import { decodeBytes } from './decode.js';

describe('decodeBytes', () => {
  it('reads UTF-8, with or without BOM, and no warning', () => {
    expect(decodeBytes(Buffer.from('Kyiv – «Київ»', 'utf8'))).toEqual({ text: 'Kyiv – «Київ»', encoding: 'utf-8' });
    expect(decodeBytes(Buffer.from('\ufeffHello', 'utf8')).text).toBe('Hello');
  });
  it('decodes UTF-16 with a BOM and warns', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Déjà vu', 'utf16le')]);
    const d = decodeBytes(le);
    expect(d.text).toBe('Déjà vu');
    expect(d.encoding).toBe('utf-16le');
    expect(d.warning).toMatch(/UTF-16LE/);
    const be = Buffer.from(le.swap16());
    expect(decodeBytes(be).text).toBe('Déjà vu');
  });
  it('falls back to Latin-1 for invalid UTF-8, naming the offset', () => {
    const d = decodeBytes(Buffer.from('Caf\xe9 cr\xe8me', 'latin1'));
    expect(d.text).toBe('Café crème');
    expect(d.encoding).toBe('windows-1252');
    expect(d.warning).toMatch(/offset 3/);
  });
  it('refuses empty and binary input with a reason', () => {
    expect(() => decodeBytes(new Uint8Array())).toThrow(/empty/);
    expect(() => decodeBytes(Buffer.from([0x41, 0x00, 0x42]))).toThrow(/NUL byte at offset 1/);
    expect(() => decodeBytes(Buffer.from('%PDF-1.7\n%âãÏÓ', 'latin1'))).toThrow(/PDF/);
  });
});
