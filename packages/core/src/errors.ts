/** Stable error codes, so callers can branch on `error.code` rather than on messages. */
export type RampartErrorCode =
  | 'INVALID_CONFIG'
  | 'GUARD_TIMEOUT'
  | 'GUARD_FAILED'
  | 'GUARDRAIL_VIOLATION'
  | 'STREAM_CLOSED';

/** Base class of every error Rampart throws on purpose. */
export class RampartError extends Error {
  readonly code: RampartErrorCode;
  constructor(code: RampartErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** One problem found while validating configuration, with the dotted path of the bad field. */
export interface ConfigIssue {
  /** Dotted path of the field, e.g. `categories.violence.severe`. */
  path: string;
  message: string;
}

/** Thrown when a policy or option object is malformed; `issues[].path` names each bad field. */
export class ConfigValidationError extends RampartError {
  readonly issues: readonly ConfigIssue[];
  constructor(what: string, issues: readonly ConfigIssue[]) {
    const detail = issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
    super('INVALID_CONFIG', `Invalid ${what}: ${detail}`);
    this.issues = issues;
  }
  /** Path of the first bad field. */
  get path(): string {
    return this.issues[0]?.path ?? '';
  }
}

/** A guard did not answer within its `timeoutMs`. */
export class GuardTimeoutError extends RampartError {
  readonly guard: string;
  readonly timeoutMs: number;
  constructor(guard: string, timeoutMs: number) {
    super('GUARD_TIMEOUT', `Guard "${guard}" timed out after ${timeoutMs} ms`);
    this.guard = guard;
    this.timeoutMs = timeoutMs;
  }
}

/** A guard threw or rejected. */
export class GuardFailedError extends RampartError {
  readonly guard: string;
  constructor(guard: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('GUARD_FAILED', `Guard "${guard}" failed: ${reason}`, { cause });
    this.guard = guard;
  }
}
