import { describe, expect, it } from 'vitest';
import { normalizeForMatching, toOriginalSpan } from './normalize.js';

describe('normalizeForMatching', () => {
  it('applies NFKC, case folding, mark stripping and homoglyph folding', () => {
    expect(normalizeForMatching('Ｈéllo ＷОRLD').text).toBe('hello world');
    expect(normalizeForMatching('ﬁne').text).toBe('fine');
  });

  it('removes zero-width and bidi control characters', () => {
    expect(normalizeForMatching('a\u200Bb\u200Dc\u202Ed\uFEFFe\u2066f').text).toBe('abcdef');
  });

  it('folds leetspeak only when asked', () => {
    expect(normalizeForMatching('h4ck3r 1337').text).toBe('h4ck3r 1337');
    expect(normalizeForMatching('h4ck3r $h0p', { leet: true }).text).toBe('hacker shop');
  });

  it('maps normalised spans back to the original text', () => {
    const original = 'say Ｂ\u200B0мb now';
    const n = normalizeForMatching(original, { leet: true });
    const start = n.text.indexOf('bomb');
    const span = toOriginalSpan(n, start, start + 4);
    expect(original.slice(span.start, span.end)).toBe('Ｂ\u200B0мb'.replace('\u200B', '\u200B'));
  });

  it('keeps astral characters and lone surrogates whole', () => {
    const original = 'x😀y\uD800z';
    const n = normalizeForMatching(original);
    expect(n.text).toBe('x😀y\uD800z');
    const i = n.text.indexOf('😀');
    expect(toOriginalSpan(n, i, i + 2)).toEqual({ start: 1, end: 3 });
  });
});

describe('normalizeForMatching on expanding text', () => {
  it('keeps the span map complete when NFKC expands before ASCII text', () => {
    const original = `${'ﷺ'.repeat(3)}abc`;
    const n = normalizeForMatching(original);
    expect(n.starts.length).toBe(n.text.length);
    const i = n.text.indexOf('abc');
    expect(toOriginalSpan(n, i, i + 3)).toEqual({ start: 3, end: 6 });
  });
});
