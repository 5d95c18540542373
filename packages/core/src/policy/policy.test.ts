import { describe, expect, it } from 'vitest';
import { ConfigValidationError } from '../errors.js';
import type { Finding } from '../guard.js';
import { definePolicy, resolveAction } from './policy.js';

const finding = (over: Partial<Finding>): Finding => ({
  guard: 'g',
  severity: 'moderate',
  score: 0.9,
  message: 'm',
  ...over,
});

function configError(fn: () => unknown): ConfigValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigValidationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigValidationError');
}

describe('policy', () => {
  it('fills defaults: minor flags, moderate and severe block, PII redacts', () => {
    const policy = definePolicy({});
    expect(policy.defaults).toEqual({ none: 'allow', minor: 'flag', moderate: 'block', severe: 'block' });
    expect(resolveAction(policy, finding({ category: 'violence', severity: 'minor' }))).toBe('flag');
    expect(resolveAction(policy, finding({ category: 'violence', severity: 'severe' }))).toBe('block');
    expect(resolveAction(policy, finding({ category: 'pii', severity: 'severe' }))).toBe('redact');
    expect(resolveAction(policy, finding({ category: 'violence', severity: 'none' }))).toBe('allow');
  });

  it('applies per-category overrides and score thresholds', () => {
    const policy = definePolicy({
      threshold: 0.3,
      categories: { drugs: { moderate: 'escalate', threshold: 0.8 }, violence: { minor: 'replace' } },
    });
    expect(resolveAction(policy, finding({ category: 'drugs', score: 0.79 }))).toBe('allow');
    expect(resolveAction(policy, finding({ category: 'drugs', score: 0.8 }))).toBe('escalate');
    expect(resolveAction(policy, finding({ category: 'drugs', severity: 'severe' }))).toBe('block');
    expect(resolveAction(policy, finding({ category: 'violence', severity: 'minor', score: 0.31 }))).toBe(
      'replace',
    );
    expect(resolveAction(policy, finding({ category: 'violence', severity: 'minor', score: 0.29 }))).toBe(
      'allow',
    );
  });

  it('always blocks guard failures, whatever the policy says', () => {
    const policy = definePolicy({ defaults: { severe: 'allow' } });
    expect(resolveAction(policy, finding({ category: 'guard_failure', severity: 'severe', score: 0 }))).toBe(
      'block',
    );
  });

  it('names the path of a bad action', () => {
    const error = configError(() => definePolicy({ categories: { violence: { severe: 'nuke' } } }));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.path).toBe('categories.violence.severe');
    expect(error.message).toContain('categories.violence.severe');
  });

  it('names unknown fields and out-of-range thresholds', () => {
    expect(configError(() => definePolicy({ defualts: {} })).path).toBe('defualts');
    expect(configError(() => definePolicy({ categories: { violence: { treshold: 1 } } })).path).toBe(
      'categories.violence.treshold',
    );
    expect(configError(() => definePolicy({ threshold: 1.5 })).path).toBe('threshold');
    expect(configError(() => definePolicy({ categories: { 'Bad Id': {} } })).path).toBe('categories.Bad Id');
    expect(configError(() => definePolicy('not an object')).issues.length).toBeGreaterThan(0);
  });

  it('composes base + override field by field, and stays JSON-serialisable', () => {
    const base = {
      refusalMessage: 'No.',
      categories: { drugs: { minor: 'block', threshold: 0.4 } },
    } as const;
    const override = { categories: { drugs: { minor: 'flag' } }, defaults: { moderate: 'flag' } } as const;
    const policy = definePolicy(base, override);
    expect(policy.categories.drugs).toEqual({ minor: 'flag', threshold: 0.4 });
    expect(policy.defaults.moderate).toBe('flag');
    expect(policy.defaults.severe).toBe('block');
    expect(policy.refusalMessage).toBe('No.');
    expect(definePolicy(JSON.parse(JSON.stringify(policy)))).toEqual(policy);
  });

  it('gives policies a version that changes with their rules', () => {
    expect(definePolicy({}).version).toBe(definePolicy({}).version);
    expect(definePolicy({}).version).not.toBe(definePolicy({ threshold: 0.9 }).version);
    expect(definePolicy({ version: 'v7' }).version).toBe('v7');
  });
});
