/** Paths to test fixtures and to ../shared (which may be absent on a fresh clone). */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const fixturePath = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
export const readFixture = (name: string) => readFileSync(fixturePath(name), 'utf8');

export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const SEED_PATH = `${SHARED}seed/article.txt`;
export const hasSeed = existsSync(SEED_PATH);

