/**
 * The layout our binary model files share: one line of JSON header (what, source, licence, format
 * and the model's own fields), checked with zod, then the binary body from the next byte on.
 */
import type { z } from 'zod';

/** The validated header and where the body starts; errors name the file and the bad field. */
export function readHeaderLine<S extends z.ZodType>(bytes: Buffer, schema: S, where: string): { header: z.infer<S>; bodyAt: number } {
  const nl = bytes.indexOf(10);
  if (nl < 0) throw new Error(`${where}: no header line`);
  const parsed = schema.safeParse(JSON.parse(bytes.subarray(0, nl).toString('utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${where}: header: ${issue.path.join('.')}: ${issue.message}`);
  }
  return { header: parsed.data, bodyAt: nl + 1 };
}
