import { type Featurizer, type SegmentFeatures, tokenize } from './featurizer.js';

/** One row the model scores: a prompt segment and an optional response window. */
export interface FeatureRow {
  prompt: SegmentFeatures;
  response: SegmentFeatures | null;
}

/** Flat typed arrays for one batch, in the model's input order, with their shapes. */
export interface BatchTensors {
  int64: Record<string, { data: BigInt64Array; dims: [number, number] }>;
  float32: Record<string, { data: Float32Array; dims: [number, number] }>;
}

function padded(rows: readonly (readonly number[])[]): {
  ids: BigInt64Array;
  mask: Float32Array;
  width: number;
} {
  // An all-empty column still gets one masked position: zero-length axes are not valid here.
  const width = Math.max(1, ...rows.map((r) => r.length));
  const ids = new BigInt64Array(rows.length * width);
  const mask = new Float32Array(rows.length * width);
  rows.forEach((row, i) => {
    for (let j = 0; j < row.length; j++) {
      ids[i * width + j] = BigInt(row[j]!);
      mask[i * width + j] = 1;
    }
  });
  return { ids, mask, width };
}

/** Builds the nine input tensors for a batch of rows. */
export function encodeBatch(rows: readonly FeatureRow[]): BatchTensors {
  const empty: SegmentFeatures = { words: [], ngrams: [] };
  const columns = {
    prompt_words: rows.map((r) => r.prompt.words),
    prompt_ngrams: rows.map((r) => r.prompt.ngrams),
    response_words: rows.map((r) => (r.response ?? empty).words),
    response_ngrams: rows.map((r) => (r.response ?? empty).ngrams),
  };
  const int64: BatchTensors['int64'] = {};
  const float32: BatchTensors['float32'] = {};
  for (const [name, column] of Object.entries(columns)) {
    const { ids, mask, width } = padded(column);
    int64[name] = { data: ids, dims: [rows.length, width] };
    const maskName = name.replace(/_words$/, '_word_mask').replace(/_ngrams$/, '_ngram_mask');
    float32[maskName] = { data: mask, dims: [rows.length, width] };
  }
  float32.has_response = {
    data: Float32Array.from(rows, (r) => (r.response ? 1 : 0)),
    dims: [rows.length, 1],
  };
  return { int64, float32 };
}

/** A classification input: plain text is a prompt; `{ prompt, response }` scores the answer in context. */
export type ClassifierInput = string | { prompt: string; response?: string };

/** Turns one input into rows: one per response window (or a single prompt-only row). */
export function inputToRows(
  featurizer: Featurizer,
  input: ClassifierInput,
  windows: (tokens: string[]) => string[][],
): FeatureRow[] {
  const { prompt, response } = typeof input === 'string' ? { prompt: input, response: undefined } : input;
  const promptFeatures = featurizer.encodeTokens(
    tokenize(prompt).slice(0, featurizer.config.maxPromptTokens),
  );
  if (response === undefined) return [{ prompt: promptFeatures, response: null }];
  return windows(tokenize(response)).map((tokens) => ({
    prompt: promptFeatures,
    response: featurizer.encodeTokens(tokens),
  }));
}
