/**
 * The `npm run build` step after tsc: writes the gazetteer's start-up cache beside the compiled
 * loader (dist/resources/gazetteer.cache). Only from dist/: the source tree never gets one.
 */
import { GAZETTEER_CACHE, writeGazetteerCache } from './gazetteer.js';

if (import.meta.url.endsWith('.js')) {
  const bytes = writeGazetteerCache();
  console.log(`gazetteer start-up cache: ${GAZETTEER_CACHE} (${(bytes / 1e6).toFixed(1)} MB)`);
} else {
  console.error('write-gazetteer-cache: run the compiled dist/resources/write-gazetteer-cache.js (npm run build)');
  process.exitCode = 1;
}
