/**
 * What a policy can do with content:
 * - `allow`: pass untouched; `flag`: pass, but record and emit the finding;
 * - `redact`: pass with the finding's span replaced (falls back to `block` when there is no span);
 * - `replace`: drop the content and answer with the policy's replacement message;
 * - `escalate`: withhold the content for human review (emits `escalated`);
 * - `block`: refuse with the policy's refusal message.
 */
export const ACTIONS = ['allow', 'flag', 'redact', 'replace', 'escalate', 'block'] as const;

/** A policy action. */
export type Action = (typeof ACTIONS)[number];

/** Actions in increasing strength: when findings disagree, the strongest wins. */
export function actionRank(action: Action): number {
  return ACTIONS.indexOf(action);
}

/** The stronger of two actions. */
export function strongestAction(a: Action, b: Action): Action {
  return actionRank(a) >= actionRank(b) ? a : b;
}

/** True when the (possibly redacted) content may proceed under this action. */
export function isPassingAction(action: Action): boolean {
  return action === 'allow' || action === 'flag' || action === 'redact';
}
