/**
 * Coded errors: every failure a user can meet has a stable code and a templated message,
 * so the CLI and the server can map codes to exit codes and HTTP statuses in one table each.
 */
export const ErrorCodes = {
  E_INPUT_NOT_FOUND: 'input not found: {path}',
  E_INPUT_UNREADABLE: 'cannot read input: {reason}',
  E_INPUT_EMPTY: 'input is empty',
  E_INPUT_BINARY: 'input looks binary ({reason}), not text',
  E_INPUT_TOO_LARGE: 'input is {size} bytes, over the limit of {limit}',
  E_JSONL_PARSE: 'line {line} is not valid JSON: {reason}',
  E_JSONL_TRUNCATED: 'line {line} is truncated (no closing brace at end of file)',
  E_JSONL_FIELDS: 'line {line} has no "text" or "html" string field',
  E_HTML_NO_TEXT: 'HTML has no readable text',
  E_PIPELINE_MISSING_LAYER: 'stage "{stage}" requires layer "{layer}", which no earlier stage produces',
  E_PIPELINE_DUPLICATE_LAYER: 'layer "{layer}" is produced by both "{first}" and "{second}"',
  E_BAD_OPTION: '{message}',
  E_SCHEMA: 'document does not match the casus/1 schema: {message}',
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export class CasusError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, string | number>;

  constructor(code: ErrorCode, details: Record<string, string | number> = {}) {
    super(formatMessage(code, details));
    this.name = 'CasusError';
    this.code = code;
    this.details = details;
  }
}

function formatMessage(code: ErrorCode, details: Record<string, string | number>): string {
  return ErrorCodes[code].replace(/\{(\w+)\}/g, (_, key: string) => String(details[key] ?? `{${key}}`));
}

export function isCasusError(e: unknown): e is CasusError {
  return e instanceof CasusError;
}
