import type { Decision } from '@rampart/core';
import type { Assembled } from './assemble.js';

/** A JSONL input line: `prompt` and/or `response`, or `text`. */
export interface ModerationInput {
  prompt?: string;
  response?: string;
  text?: string;
  [key: string]: unknown;
}

/** What `rampart moderate` adds to each line. */
export interface ModerationResult {
  /** The classifier's P(unsafe). */
  unsafe: number;
  flagged: boolean;
  severity: Decision['severity'];
  categories: string[];
  action: Decision['action'];
  findings: Array<{
    guard: string;
    category?: string;
    severity: string;
    score: number;
    action: string;
    message: string;
  }>;
}

/** Validates one parsed line; returns an error message or null. */
export function validateInput(value: unknown): string | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'line is not a JSON object';
  const v = value as ModerationInput;
  for (const key of ['prompt', 'response', 'text'] as const) {
    if (v[key] !== undefined && typeof v[key] !== 'string') return `"${key}" must be a string`;
  }
  if (v.prompt === undefined && v.response === undefined && v.text === undefined) {
    return 'needs "prompt", "response" or "text"';
  }
  return null;
}

let nextRequestId = 0;

/** Moderates one input: a response is checked at the output stage in the context of its prompt. */
export async function moderate(
  { chain, classifier, verdicts }: Assembled,
  input: ModerationInput,
): Promise<ModerationResult> {
  const prompt = input.prompt ?? input.text ?? '';
  const requestId = ++nextRequestId;
  verdicts.set(requestId, null);
  const decision =
    input.response !== undefined
      ? await chain.check('output', input.response, { metadata: { prompt, requestId } })
      : await chain.check('input', prompt, { metadata: { requestId } });
  // The chain's classifier guard reports its verdict; only when another guard blocked first (the
  // chain short-circuits) is the model asked again for the score.
  const reported = verdicts.get(requestId);
  verdicts.delete(requestId);
  const verdict =
    reported ??
    (await classifier.classify(input.response !== undefined ? { prompt, response: input.response } : prompt));
  return {
    unsafe: Number(verdict.unsafe.toFixed(4)),
    flagged: verdict.flagged || decision.findings.some((f) => f.action !== 'allow'),
    severity: decision.severity,
    categories: decision.categories,
    action: decision.action,
    findings: decision.findings.map((f) => ({
      guard: f.guard,
      ...(f.category ? { category: f.category } : {}),
      severity: f.severity,
      score: Number(f.score.toFixed(4)),
      action: f.action,
      message: f.message,
    })),
  };
}
