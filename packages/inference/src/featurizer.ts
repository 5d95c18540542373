/**
 * Featuriser `rampart-hash-v1`, the TypeScript twin of training/rampart_train/featurizer.py.
 * The spec is docs/featurizer-spec.md; golden vectors in models/golden-features.json pin both.
 */

/** Featuriser parameters, as stored in the model manifest. */
export interface FeaturizerConfig {
  version: string;
  vocab: readonly string[];
  oovBuckets: number;
  ngramBuckets: number;
  ngramSizes: readonly number[];
  maxNgramsPerToken: number;
  maxPromptTokens: number;
  maxResponseTokens: number;
  windowStride: number;
}

/** The only featuriser version this runtime implements. */
export const FEATURIZER_VERSION = 'rampart-hash-v1';

const TOKEN = /[a-z0-9]+/g;
const NONSPACING_MARK = /\p{Mn}/gu;

/** FNV-1a (32-bit) over UTF-16 code units. Tokens are ASCII, so this equals the byte-wise hash. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** NFKD, drop non-spacing marks, lower-case; then maximal runs of [a-z0-9]. */
export function tokenize(text: string): string[] {
  const normalized = text.normalize('NFKD').replace(NONSPACING_MARK, '').toLowerCase();
  return normalized.match(TOKEN) ?? [];
}

/** Word ids and char n-gram ids of one segment. */
export interface SegmentFeatures {
  words: number[];
  ngrams: number[];
}

/** Maps tokens to ids exactly as the Python featuriser does. */
export class Featurizer {
  readonly config: FeaturizerConfig;
  readonly #index: Map<string, number>;

  constructor(config: FeaturizerConfig) {
    if (config.version !== FEATURIZER_VERSION) {
      throw new Error(
        `Unsupported featurizer "${config.version}"; this runtime implements ${FEATURIZER_VERSION}`,
      );
    }
    this.config = config;
    this.#index = new Map(config.vocab.map((word, i) => [word, i + 1]));
  }

  wordId(token: string): number {
    return this.#index.get(token) ?? this.config.vocab.length + 1 + (fnv1a32(token) % this.config.oovBuckets);
  }

  ngramIds(token: string): number[] {
    const marked = `<${token}>`;
    const ids: number[] = [];
    for (const n of this.config.ngramSizes) {
      for (let i = 0; i + n <= marked.length; i++) {
        ids.push(1 + (fnv1a32(`${n}:${marked.slice(i, i + n)}`) % this.config.ngramBuckets));
      }
    }
    return ids.slice(0, this.config.maxNgramsPerToken);
  }

  encodeTokens(tokens: readonly string[]): SegmentFeatures {
    const words: number[] = [];
    const ngrams: number[] = [];
    for (const token of tokens) {
      words.push(this.wordId(token));
      for (const id of this.ngramIds(token)) ngrams.push(id);
    }
    return { words, ngrams };
  }
}
