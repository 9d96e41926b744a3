#!/usr/bin/env node
/**
 * The casus command: dispatches to one file per command and sets process.exitCode (never
 * calls exit), so the entry point stays testable.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ExitCodes } from './exit-codes.js';
import { processIO } from './io.js';
import type { CliIO } from './io.js';

type Run = (argv: string[], io: CliIO) => Promise<number>;
/** A command's module loads when it runs: `casus analyze` does not load the store, nor `casus events` the NLP stages. */
const lazy = <K extends string>(load: () => Promise<Record<K, Run>>, name: K): Run => async (argv, io) => (await load())[name](argv, io);

const COMMANDS: Record<string, { summary: string; run: Run }> = {
  analyze: { summary: 'analyse articles and print structured JSON or a readable report', run: lazy(() => import('./commands/analyze.js'), 'runAnalyze') },
  ingest: { summary: 'analyse sources into a local store, each document exactly once', run: lazy(() => import('./commands/ingest.js'), 'runIngest') },
  events: { summary: 'events in the store (clusters of reports), filtered by actor, date, code', run: lazy(() => import('./commands/events.js'), 'runEvents') },
  quotes: { summary: 'quotes in the store, by speaker or words', run: lazy(() => import('./commands/quotes.js'), 'runQuotes') },
  timeline: { summary: "an actor's events as a calendar", run: lazy(() => import('./commands/timeline.js'), 'runTimeline') },
  dyad: { summary: 'events, Goldstein sum and mean per period for a dyad', run: lazy(() => import('./commands/dyad.js'), 'runDyad') },
  actors: { summary: 'entities and actors across stored documents', run: lazy(() => import('./commands/actors.js'), 'runActors') },
  search: { summary: 'full-text search over bodies and quotes', run: lazy(() => import('./commands/search.js'), 'runSearch') },
  export: { summary: 'events as GDELT-style CSV, JSON Lines, ICS or GeoJSON', run: lazy(() => import('./commands/export.js'), 'runExport') },
  serve: { summary: 'the JSON API and the dashboard over a store (http://127.0.0.1:8080)', run: lazy(() => import('./commands/serve.js'), 'runServe') },
};

export const mainHelp = `Usage: casus <command> [options]

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`).join('\n')}

Run casus <command> --help for a command's options.
`;

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    io.write(mainHelp);
    return name ? ExitCodes.ok : ExitCodes.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.error(`casus: unknown command "${name}"\n${mainHelp}`);
    return ExitCodes.usage;
  }
  return command.run(rest, io);
}

/** Run as a command (not imported by a test): this file is the one Node was given, through any links (npm's bin link). */
function isEntryPoint(argv1: string | undefined): boolean {
  if (!argv1) return false;
  try {
    return realpathSync(argv1) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}
if (isEntryPoint(process.argv[1])) {
  main(process.argv.slice(2), processIO()).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => { process.stderr.write(`casus: internal error: ${(e as Error).stack ?? e}\n`); process.exitCode = ExitCodes.internal; },
  );
}
