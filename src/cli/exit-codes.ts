/** One table from outcome to exit code, so every command ends the same way. */
export const ExitCodes = {
  ok: 0,
  /** Some inputs failed; the others were processed and written. */
  someInputsFailed: 1,
  /** The command line itself is wrong (unknown flag, bad value). */
  usage: 2,
  /** A bug or an unexpected failure. */
  internal: 70,
} as const;
