/** The package version, read once from package.json (two levels up from both src/serve and dist/serve). */
import { createRequire } from 'node:module';

export const VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
