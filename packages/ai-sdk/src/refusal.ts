import type {
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
  SharedV3ProviderMetadata,
} from '@ai-sdk/provider';

/** Usage of an answer the model never produced. */
export const NO_USAGE: LanguageModelV3Usage = {
  inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 0, text: 0, reasoning: 0 },
};

/** The finish reason Rampart reports when it withheld content. */
export const CONTENT_FILTER = { unified: 'content-filter', raw: 'rampart' } as const;

/** A generate result that answers with `text` without calling the model. */
export function refusalResult(
  text: string,
  providerMetadata: SharedV3ProviderMetadata,
): LanguageModelV3GenerateResult {
  return {
    content: [{ type: 'text', text }],
    finishReason: { ...CONTENT_FILTER },
    usage: NO_USAGE,
    providerMetadata,
    warnings: [],
  };
}

/** The same refusal as a stream. */
export function refusalStream(
  text: string,
  providerMetadata: SharedV3ProviderMetadata,
): ReadableStream<LanguageModelV3StreamPart> {
  const parts: LanguageModelV3StreamPart[] = [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 'rampart-refusal' },
    { type: 'text-delta', id: 'rampart-refusal', delta: text },
    { type: 'text-end', id: 'rampart-refusal' },
    { type: 'finish', finishReason: { ...CONTENT_FILTER }, usage: NO_USAGE, providerMetadata },
  ];
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}
