/**
 * Where bundled data files live. This module sits at the same depth in src/ and dist/, so one
 * relative URL finds src/resources/data/ from both (the data is not copied into dist/).
 */
import { fileURLToPath } from 'node:url';

const DATA_DIR = new URL('../../src/resources/data/', import.meta.url);

export function dataPath(name: string): string {
  return fileURLToPath(new URL(name, DATA_DIR));
}
