#!/usr/bin/env node
/**
 * The casus command: dispatches to one file per command and sets process.exitCode (never
 * calls exit), so the entry point stays testable.
 */
import { runActors } from './commands/actors.js';
import { runAnalyze } from './commands/analyze.js';
import { runDyad } from './commands/dyad.js';
import { runEvents } from './commands/events.js';
import { runExport } from './commands/export.js';
import { runIngest } from './commands/ingest.js';
import { runQuotes } from './commands/quotes.js';
import { runSearch } from './commands/search.js';
import { runServe } from './commands/serve.js';
import { runTimeline } from './commands/timeline.js';
import { ExitCodes } from './exit-codes.js';
import { processIO } from './io.js';
import type { CliIO } from './io.js';

const COMMANDS: Record<string, { summary: string; run: (argv: string[], io: CliIO) => Promise<number> }> = {
  analyze: { summary: 'analyse articles and print structured JSON or a readable report', run: runAnalyze },
  ingest: { summary: 'analyse sources into a local store, each document exactly once', run: runIngest },
  events: { summary: 'events in the store (clusters of reports), filtered by actor, date, code', run: runEvents },
  quotes: { summary: 'quotes in the store, by speaker or words', run: runQuotes },
  timeline: { summary: "an actor's events as a calendar", run: runTimeline },
  dyad: { summary: 'events, Goldstein sum and mean per period for a dyad', run: runDyad },
  actors: { summary: 'entities and actors across stored documents', run: runActors },
  search: { summary: 'full-text search over bodies and quotes', run: runSearch },
  export: { summary: 'events as GDELT-style CSV, JSON Lines, ICS or GeoJSON', run: runExport },
  serve: { summary: 'the JSON API and the dashboard over a store (http://127.0.0.1:8080)', run: (argv, io) => runServe(argv, io) },
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

const isEntryPoint = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntryPoint || process.argv[1]?.endsWith('/casus') || process.argv[1]?.endsWith('cli/main.js')) {
  main(process.argv.slice(2), processIO()).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => { process.stderr.write(`casus: internal error: ${(e as Error).stack ?? e}\n`); process.exitCode = ExitCodes.internal; },
  );
}
