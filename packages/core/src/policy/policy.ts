import { ConfigValidationError } from '../errors.js';
import type { Finding } from '../guard.js';
import type { Severity } from '../taxonomy/severity.js';
import type { Action } from './actions.js';
import { type CategoryRule, type PolicyInput, policySchema } from './schema.js';
import { zodIssuesToConfigIssues } from './zod-issues.js';

/** A validated policy with every default filled in. Plain data: safe to JSON.stringify. */
export interface Policy {
  version: string;
  defaults: Record<Severity, Action>;
  threshold: number;
  categories: Record<string, CategoryRule>;
  refusalMessage: string;
  replacementMessage: string;
  escalationMessage: string;
}

/** Category assigned to findings produced when a guard fails closed; always resolves to `block`. */
export const GUARD_FAILURE_CATEGORY = 'guard_failure';

/** The policy Rampart uses when none is given. */
export const DEFAULT_POLICY_INPUT = {
  defaults: { none: 'allow', minor: 'flag', moderate: 'block', severe: 'block' },
  threshold: 0.5,
  categories: {
    pii: { minor: 'redact', moderate: 'redact', severe: 'redact' },
    prompt_injection: { minor: 'flag', moderate: 'block', severe: 'block', threshold: 0.25 },
    denylist: { minor: 'block', moderate: 'block', severe: 'block' },
    size_limit: { minor: 'block', moderate: 'block', severe: 'block' },
  },
  refusalMessage: "Sorry, I can't help with that.",
  replacementMessage: 'This content was removed because it violates the content policy.',
  escalationMessage: 'This content is being held for review.',
} as const satisfies PolicyInput;

function parsePolicyInput(input: unknown): PolicyInput {
  const parsed = policySchema.safeParse(input);
  if (!parsed.success)
    throw new ConfigValidationError('policy', zodIssuesToConfigIssues(parsed.error.issues));
  return parsed.data;
}

/** Merges policy inputs left to right: later values win; category rules merge field by field. */
function mergeInputs(inputs: readonly PolicyInput[]): PolicyInput {
  const merged: PolicyInput = {};
  const categories: Record<string, CategoryRule> = {};
  for (const input of inputs) {
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined || key === 'categories' || key === 'defaults') continue;
      (merged as Record<string, unknown>)[key] = value;
    }
    if (input.defaults) merged.defaults = { ...merged.defaults, ...input.defaults };
    for (const [id, rule] of Object.entries(input.categories ?? {})) {
      categories[id] = { ...categories[id], ...rule };
    }
  }
  merged.categories = categories;
  return merged;
}

/** FNV-1a over a string, as hex: a cheap stable fingerprint for policies without a version. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * Validates a policy and fills defaults from {@link DEFAULT_POLICY_INPUT}. Later arguments
 * override earlier ones, so `definePolicy(base, override)` composes policies.
 * @throws ConfigValidationError naming the path of the first bad field.
 */
export function definePolicy(...inputs: readonly unknown[]): Policy {
  const validated = inputs.map((input, index) => {
    try {
      return parsePolicyInput(input ?? {});
    } catch (error) {
      if (error instanceof ConfigValidationError && inputs.length > 1) {
        throw new ConfigValidationError(`policy (argument ${index + 1})`, error.issues);
      }
      throw error;
    }
  });
  const merged = mergeInputs([DEFAULT_POLICY_INPUT, ...validated]);
  const body = {
    defaults: merged.defaults as Record<Severity, Action>,
    threshold: merged.threshold ?? DEFAULT_POLICY_INPUT.threshold,
    categories: merged.categories ?? {},
    refusalMessage: merged.refusalMessage ?? DEFAULT_POLICY_INPUT.refusalMessage,
    replacementMessage: merged.replacementMessage ?? DEFAULT_POLICY_INPUT.replacementMessage,
    escalationMessage: merged.escalationMessage ?? DEFAULT_POLICY_INPUT.escalationMessage,
  };
  return { version: merged.version ?? `auto-${fingerprint(JSON.stringify(body))}`, ...body };
}

/** The action the policy takes for one finding, honouring the category's threshold. */
export function resolveAction(policy: Policy, finding: Finding): Action {
  if (finding.category === GUARD_FAILURE_CATEGORY) return 'block';
  const rule = finding.category ? policy.categories[finding.category] : undefined;
  const threshold = rule?.threshold ?? policy.threshold;
  if (finding.score < threshold) return 'allow';
  return rule?.[finding.severity] ?? policy.defaults[finding.severity];
}
