import { RampartError } from '../errors.js';
import type { ChatMessage, Finding, Stage } from '../guard.js';
import type { Action } from '../policy/actions.js';
import type { Severity } from '../taxonomy/severity.js';

/** A finding together with the action the policy chose for it. */
export interface EvaluatedFinding extends Finding {
  action: Action;
}

/** The outcome of running a chain on one input. */
export interface Decision {
  stage: Stage;
  /** The strongest action over all findings (`allow` when there are none). */
  action: Action;
  /** True when the content (after redactions) may proceed: `allow`, `flag` or `redact`. */
  allowed: boolean;
  /** The checked text after redactions (the original text when nothing was redacted). */
  text: string;
  /** The input messages after redactions, when the input was messages. */
  messages?: ChatMessage[];
  /** What to show instead of the content when it is not allowed (refusal, replacement, escalation). */
  replacement?: string;
  findings: EvaluatedFinding[];
  /** Highest severity among findings that led to an action other than `allow`. */
  severity: Severity;
  /** Categories of the findings that led to an action other than `allow`. */
  categories: string[];
  durationMs: number;
  policyVersion: string;
  /** True when the guard results came from the decision cache. */
  cached: boolean;
}

/** Thrown by adapters (and `assertAllowed`) when content is refused; carries the decision. */
export class GuardrailViolationError extends RampartError {
  readonly decision: Decision;
  constructor(decision: Decision) {
    const categories = decision.categories.length > 0 ? decision.categories.join(', ') : 'no category';
    super(
      'GUARDRAIL_VIOLATION',
      `Rampart ${decision.action} at ${decision.stage} stage (${categories}, severity ${decision.severity})`,
    );
    this.decision = decision;
  }
}

/** Throws {@link GuardrailViolationError} unless the decision lets content through. */
export function assertAllowed(decision: Decision): Decision {
  if (!decision.allowed) throw new GuardrailViolationError(decision);
  return decision;
}
