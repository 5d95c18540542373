import { describe, expect, it } from 'vitest';
import { Featurizer, fnv1a32, tokenize } from './featurizer.js';
import type { ModelManifest } from './manifest.js';
import { type GoldenFeatures, readModelJson } from './test-model.js';

describe('featurizer rampart-hash-v1', () => {
  it('matches the golden vectors written by the Python training code', async () => {
    const manifest = await readModelJson<ModelManifest>('rampart-severity.manifest.json');
    const golden = await readModelJson<GoldenFeatures[]>('golden-features.json');
    const featurizer = new Featurizer(manifest.featurizer);
    for (const g of golden) {
      const tokens = tokenize(g.prompt).slice(0, manifest.featurizer.maxPromptTokens);
      expect(tokens).toEqual(g.promptTokens);
      const prompt = featurizer.encodeTokens(tokens);
      expect(prompt.words).toEqual(g.promptWords);
      expect(prompt.ngrams).toEqual(g.promptNgrams);
      if (g.response !== undefined) {
        const response = featurizer.encodeTokens(
          tokenize(g.response).slice(0, manifest.featurizer.maxResponseTokens),
        );
        expect(response.words).toEqual(g.responseWords);
        expect(response.ngrams).toEqual(g.responseNgrams);
      }
    }
  });

  it('implements FNV-1a 32 (published test vectors)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('tokenises by the spec: NFKD, marks dropped, lower-case, [a-z0-9] runs', () => {
    expect(tokenize('Café NAÏVE, ｆｕｌｌ-width!')).toEqual(['cafe', 'naive', 'full', 'width']);
    expect(tokenize('lone \uD800 surrogate')).toEqual(['lone', 'surrogate']);
  });

  it('refuses a manifest with another featurizer version', () => {
    expect(
      () =>
        new Featurizer({
          version: 'other',
          vocab: [],
          oovBuckets: 1,
          ngramBuckets: 1,
          ngramSizes: [3],
          maxNgramsPerToken: 1,
          maxPromptTokens: 1,
          maxResponseTokens: 1,
          windowStride: 1,
        }),
    ).toThrow(/Unsupported featurizer/);
  });
});
