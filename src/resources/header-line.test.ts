/** The shared header line of binary model files: the body offset, and errors that name the file and field. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readHeaderLine } from './header-line.js';

const Schema = z.object({ format: z.string(), bits: z.number().int() });

describe('readHeaderLine', () => {
  it('returns the validated header and where the body starts', () => {
    const bytes = Buffer.concat([Buffer.from('{"format":"x","bits":3}\n'), Buffer.from([1, 2, 3])]);
    const { header, bodyAt } = readHeaderLine(bytes, Schema, 'm.bin');
    expect(header).toEqual({ format: 'x', bits: 3 });
    expect([...bytes.subarray(bodyAt)]).toEqual([1, 2, 3]);
  });
  it('names the file and the bad field', () => {
    expect(() => readHeaderLine(Buffer.from('{"format":"x","bits":"3"}\n'), Schema, 'm.bin')).toThrow(/^m\.bin: header: bits: /);
    expect(() => readHeaderLine(Buffer.from('no newline'), Schema, 'm.bin')).toThrow('m.bin: no header line');
  });
});
