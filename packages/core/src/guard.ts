import type { Severity } from './taxonomy/severity.js';

/** Where in the request lifecycle a guard runs. */
export type Stage = 'input' | 'output' | 'tool';

/** All stages, in lifecycle order. */
export const STAGES: readonly Stage[] = ['input', 'output', 'tool'];

/** A character range `[start, end)` in the text a guard was given (UTF-16 code units). */
export interface Span {
  start: number;
  end: number;
}

/**
 * One thing a guard found. The chain's policy turns findings into an action; a guard never
 * decides the action itself.
 */
export interface Finding {
  /** Name of the guard that produced it (filled in by the chain when omitted). */
  guard: string;
  /**
   * A PKU-SafeRLHF harm category id, or a rule category such as `pii`, `prompt_injection`,
   * `denylist`, `size_limit`. Policies key their rules by this string.
   */
  category?: string;
  severity: Severity;
  /** Confidence in [0, 1]; compared to the policy's threshold for the category. */
  score: number;
  /** Where in the checked text the problem is; needed for `redact`. */
  span?: Span;
  /** What to put in place of `span` when the action is `redact`. */
  replacement?: string;
  /** Human-readable explanation. */
  message: string;
  /** Extra data for logs and traces (e.g. which PII type). */
  metadata?: Record<string, unknown>;
}

/** What a guard receives besides the text. */
export interface GuardContext {
  stage: Stage;
  /** Aborted when the chain short-circuits, the guard times out, or the caller aborts. */
  signal: AbortSignal;
  /** The structured input, when the caller passed chat messages rather than a string. */
  messages?: readonly ChatMessage[];
  /** Free-form caller metadata (user id, tool name, …). */
  metadata?: Record<string, unknown>;
}

/** How a failing or slow guard is treated: `closed` blocks (the default), `open` lets text through. */
export type FailMode = 'closed' | 'open';

/** A check that runs on text at one or more stages. */
export interface Guard {
  /** Unique name within a chain; used in findings, events and policy overrides. */
  name: string;
  /** Stages it runs at. */
  stages: readonly Stage[];
  /** Per-guard time limit; overrides the chain's default. */
  timeoutMs?: number;
  /** Per-guard fail mode; overrides the chain's default. */
  failMode?: FailMode;
  check(text: string, ctx: GuardContext): Promise<readonly Finding[]> | readonly Finding[];
}

/** A piece of multi-part message content. Non-text parts are carried through untouched. */
export type ContentPart = { type: 'text'; text: string } | { type: string; [key: string]: unknown };

/** A chat message as most frameworks shape it. */
export interface ChatMessage {
  role: string;
  content: string | readonly ContentPart[];
  [key: string]: unknown;
}

/** What a chain accepts: plain text or chat messages. */
export type GuardInput = string | readonly ChatMessage[];
