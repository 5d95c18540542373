import { z } from 'zod';
import { ACTIONS } from './actions.js';

const actionSchema = z.enum(ACTIONS);

/** Action per severity level; missing levels fall back to the policy's `defaults`. */
const severityActionsShape = {
  none: actionSchema.optional(),
  minor: actionSchema.optional(),
  moderate: actionSchema.optional(),
  severe: actionSchema.optional(),
};

const scoreSchema = z.number().min(0).max(1);

/** Rule for one category: action per severity and an optional score threshold. */
export const categoryRuleSchema = z.strictObject({
  ...severityActionsShape,
  /** Findings scoring below this are ignored for this category. */
  threshold: scoreSchema.optional(),
});

/** Category ids are snake_case, like the harm ids and the rule categories. */
const categoryKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'category ids are snake_case (e.g. "violence", "pii")');

/**
 * The JSON-serialisable policy schema. Every field is optional in input; `definePolicy` fills
 * defaults.
 */
export const policySchema = z.strictObject({
  /** Bumped by the author when rules change; part of the decision cache key. */
  version: z.string().min(1).optional(),
  /** Action per severity for categories without a rule of their own. */
  defaults: z.strictObject(severityActionsShape).optional(),
  /** Findings scoring below this are ignored (per-category `threshold` overrides it). */
  threshold: scoreSchema.optional(),
  /** Per-category overrides, keyed by harm category id or rule category. */
  categories: z.record(categoryKeySchema, categoryRuleSchema).optional(),
  /** Shown instead of content that is blocked. */
  refusalMessage: z.string().min(1).optional(),
  /** Shown instead of content whose action is `replace`. */
  replacementMessage: z.string().min(1).optional(),
  /** Shown while content is withheld for review (`escalate`). */
  escalationMessage: z.string().min(1).optional(),
});

/** A policy as written by a user (JSON or object literal); every field optional. */
export type PolicyInput = z.input<typeof policySchema>;

/** A rule for one category. */
export type CategoryRule = z.output<typeof categoryRuleSchema>;
