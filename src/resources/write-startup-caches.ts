/**
 * The `npm run build` step after tsc: writes every start-up cache beside the compiled loaders
 * (dist/resources/*.cache). Only from dist/: the source tree never gets one.
 */
import { writeEntitiesCache, ENTITIES_CACHE } from '../stages/entities/entity-resources.js';
import { SYNTAX_CACHE, writeSyntaxCache } from '../stages/syntax/syntax-model.js';
import { WINK_CACHE, writeWinkCache } from '../stages/tokens/wink-model.js';
import { GAZETTEER_CACHE, writeGazetteerCache } from './gazetteer.js';
import { COMPILED } from './startup-cache.js';

if (COMPILED) {
  for (const [path, write] of [[GAZETTEER_CACHE, writeGazetteerCache], [ENTITIES_CACHE, writeEntitiesCache], [WINK_CACHE, writeWinkCache], [SYNTAX_CACHE, writeSyntaxCache]] as const) {
    const bytes = write();
    console.log(`start-up cache: ${path} (${(bytes / 1e6).toFixed(1)} MB)`);
  }
} else {
  console.error('write-startup-caches: run the compiled dist/resources/write-startup-caches.js (npm run build)');
  process.exitCode = 1;
}
