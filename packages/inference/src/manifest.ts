import { ConfigValidationError, zodIssuesToConfigIssues } from '@rampart/core';
import { z } from 'zod';

const positiveInt = z.number().int().positive();

/** Schema of a model manifest (the default model's and any bring-your-own model's). */
export const manifestSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  model: z.object({
    file: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex SHA-256'),
    bytes: positiveInt,
  }),
  inputs: z.array(z.string()).length(9),
  outputs: z.tuple([z.literal('unsafe_prob'), z.literal('severity_probs'), z.literal('category_probs')]),
  labels: z.object({
    categories: z.array(z.string().min(1)).min(1),
    severities: z.tuple([z.literal('none'), z.literal('minor'), z.literal('moderate'), z.literal('severe')]),
  }),
  featurizer: z.object({
    version: z.string(),
    vocab: z.array(z.string()),
    oovBuckets: positiveInt,
    ngramBuckets: positiveInt,
    ngramSizes: z.array(positiveInt).min(1),
    maxNgramsPerToken: positiveInt,
    maxPromptTokens: positiveInt,
    maxResponseTokens: positiveInt,
    windowStride: positiveInt,
  }),
  thresholds: z.object({
    unsafe: z.number().min(0).max(1),
    unsafePrompt: z.number().min(0).max(1),
    category: z.number().min(0).max(1),
  }),
});

/** A validated model manifest. Extra fields (metrics, data summary, licence) are kept as-is. */
export type ModelManifest = z.infer<typeof manifestSchema> & Record<string, unknown>;

/** Validates a manifest object; the error names the bad field. */
export function parseManifest(value: unknown): ModelManifest {
  const parsed = manifestSchema.loose().safeParse(value);
  if (!parsed.success)
    throw new ConfigValidationError('model manifest', zodIssuesToConfigIssues(parsed.error.issues));
  return parsed.data as ModelManifest;
}
