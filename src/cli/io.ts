/** The streams a command writes to, injectable so commands run in tests without a process. */
export interface CliIO {
  write(chunk: string): void;
  error(line: string): void;
  stdin?: () => Promise<Uint8Array>;
  stdoutIsTty: boolean;
  stderrIsTty: boolean;
}

export function processIO(): CliIO {
  return {
    write: (chunk) => void process.stdout.write(chunk),
    error: (line) => void process.stderr.write(line.endsWith('\n') ? line : line + '\n'),
    stdoutIsTty: Boolean(process.stdout.isTTY),
    stderrIsTty: Boolean(process.stderr.isTTY),
  };
}
