import { describe, expect, it } from 'vitest';
import { ConfigValidationError } from '../errors.js';
import { denylistGuard } from './denylist-guard.js';
import { sizeLimitGuard } from './size-limit-guard.js';

const ctx = { stage: 'output' as const, signal: new AbortController().signal };

describe('denylistGuard', () => {
  const guard = denylistGuard({ terms: ['bomb', 'nerve agent'], category: 'violence', severity: 'moderate' });

  it.each([
    'a BOMB',
    'a b0mb',
    'a Ｂｏｍｂ',
    'a bоmb (Cyrillic о)',
    'a bo\u200Bmb',
    'nerve   agent',
    'a bômb',
  ])('matches obfuscated forms: %s', async (text) => {
    const [finding] = await guard.check(text, ctx);
    expect(finding).toMatchObject({ category: 'violence', severity: 'moderate' });
    expect(text.slice(finding!.span!.start, finding!.span!.end).length).toBeGreaterThan(3);
  });

  it('matches whole words only', async () => {
    expect(await guard.check('bombastic prose about a bombshell', ctx)).toEqual([]);
  });

  it('requires at least one term', () => {
    expect(() => denylistGuard({ terms: ['  '] })).toThrow(ConfigValidationError);
  });
});

describe('sizeLimitGuard', () => {
  it('blocks text over the character or UTF-8 byte limit', async () => {
    expect(await sizeLimitGuard({ maxChars: 5 }).check('123456', ctx)).toHaveLength(1);
    expect(await sizeLimitGuard({ maxChars: 5 }).check('12345', ctx)).toEqual([]);
    expect(await sizeLimitGuard({ maxBytes: 4 }).check('ééé', ctx)).toHaveLength(1);
    expect(await sizeLimitGuard({ maxBytes: 4 }).check('😀', ctx)).toEqual([]);
    expect(await sizeLimitGuard({ maxBytes: 2 }).check('\uD800', ctx)).toHaveLength(1);
  });

  it('names the bad option', () => {
    expect(() => sizeLimitGuard({ maxChars: 0 })).toThrow(/maxChars/);
    expect(() => sizeLimitGuard({})).toThrow(ConfigValidationError);
  });
});
