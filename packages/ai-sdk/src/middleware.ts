import type {
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FilePart,
  LanguageModelV3Middleware,
  LanguageModelV3Prompt,
  LanguageModelV3TextPart,
} from '@ai-sdk/provider';
import { type GuardChain, GuardrailViolationError } from '@rampart/core';
import { guardStreamParts } from './guard-stream.js';
import { type RampartProviderMetadata, summary, withRampart } from './metadata.js';
import { lastUserIndex, messageText } from './prompt-text.js';
import { CONTENT_FILTER, refusalResult, refusalStream } from './refusal.js';

/** Options of {@link rampartMiddleware}. */
export interface RampartMiddlewareOptions {
  /** The guard chain (any guards, one policy) that decides. */
  chain: GuardChain;
  /**
   * What a blocked prompt does: `throw` (default) a {@link GuardrailViolationError} carrying the
   * decision, or `refuse`: answer with the policy's message without calling the model.
   */
  onInputBlock?: 'throw' | 'refuse';
  checkInput?: boolean;
  checkOutput?: boolean;
  checkToolCalls?: boolean;
  /** Hold-back window for streams (see core `createStreamGuard`). */
  windowChars?: number;
  holdBackChars?: number;
}

/** Where transformParams leaves its verdict for wrapGenerate / wrapStream of the same call. */
interface InputVerdict {
  refusal?: string;
  record: RampartProviderMetadata;
}
const verdicts = new WeakMap<LanguageModelV3CallOptions, InputVerdict>();

function userPrompt(prompt: LanguageModelV3Prompt): string {
  const index = lastUserIndex(prompt);
  return index >= 0 ? messageText(prompt[index]!) : '';
}

/**
 * A Vercel AI SDK language-model middleware (`LanguageModelV3Middleware`, for
 * `wrapLanguageModel` in ai 6 and 7) that runs a Rampart chain on the prompt, the generated text
 * and tool calls, for `generateText` and `streamText` alike. The decisions are attached to
 * `providerMetadata.rampart`.
 */
export function rampartMiddleware(options: RampartMiddlewareOptions): LanguageModelV3Middleware {
  const { chain } = options;
  const checkOutput = options.checkOutput ?? true;
  const checkToolCalls = options.checkToolCalls ?? true;

  return {
    specificationVersion: 'v3',

    async transformParams({ params }) {
      const record: RampartProviderMetadata = {};
      const index = lastUserIndex(params.prompt);
      if (options.checkInput === false || index < 0) {
        verdicts.set(params, { record });
        return params;
      }
      const message = params.prompt[index]!;
      const decision = await chain.check('input', messageText(message));
      record.input = summary(decision);
      if (!decision.allowed) {
        if ((options.onInputBlock ?? 'throw') === 'throw') throw new GuardrailViolationError(decision);
        const next = { ...params };
        verdicts.set(next, { refusal: decision.replacement ?? chain.policy.refusalMessage, record });
        return next;
      }
      if (decision.action !== 'redact' || message.role !== 'user') {
        const next = { ...params };
        verdicts.set(next, { record });
        return next;
      }
      // Only the text parts change; files and other parts go to the model untouched.
      let replaced = false;
      const content: Array<LanguageModelV3TextPart | LanguageModelV3FilePart> = [];
      for (const part of message.content) {
        if (part.type !== 'text') content.push(part);
        else if (!replaced) {
          replaced = true;
          content.push({ ...part, text: decision.text });
        }
      }
      const prompt = [...params.prompt];
      prompt[index] = { ...message, content };
      const next = { ...params, prompt };
      verdicts.set(next, { record });
      return next;
    },

    async wrapGenerate({ doGenerate, params }) {
      const verdict = verdicts.get(params) ?? { record: {} };
      const { record } = verdict;
      if (verdict.refusal !== undefined)
        return refusalResult(verdict.refusal, withRampart(undefined, record));
      const result = await doGenerate();
      const prompt = userPrompt(params.prompt);
      let content: LanguageModelV3Content[] = result.content;
      let finishReason = result.finishReason;

      if (checkToolCalls) {
        const kept: LanguageModelV3Content[] = [];
        for (const part of content) {
          if (part.type !== 'tool-call') {
            kept.push(part);
            continue;
          }
          const decision = await chain.check('tool', `${part.toolName}(${part.input})`, {
            metadata: { tool: part.toolName, prompt },
          });
          record.toolCalls = [
            ...(record.toolCalls ?? []),
            { toolCallId: part.toolCallId, toolName: part.toolName, decision: summary(decision) },
          ];
          if (decision.allowed) kept.push(part);
        }
        if (kept.length !== content.length) finishReason = { ...CONTENT_FILTER };
        content = kept;
      }

      const texts = content.flatMap((p) => (p.type === 'text' ? [p.text] : []));
      if (checkOutput && texts.length > 0) {
        const decision = await chain.check(
          'output',
          [{ role: 'assistant', content: texts.map((text) => ({ type: 'text', text })) }],
          { metadata: { prompt } },
        );
        record.output = summary(decision);
        if (!decision.allowed) {
          content = [{ type: 'text', text: decision.replacement ?? chain.policy.refusalMessage }];
          finishReason = { ...CONTENT_FILTER };
        } else if (decision.action === 'redact') {
          const redacted = (decision.messages?.[0]?.content ?? []) as unknown as Array<{ text: string }>;
          let i = 0;
          content = content.map((p) =>
            p.type === 'text' ? { ...p, text: redacted[i++]?.text ?? p.text } : p,
          );
        }
      }
      return {
        ...result,
        content,
        finishReason,
        providerMetadata: withRampart(result.providerMetadata, record),
      };
    },

    async wrapStream({ doStream, params }) {
      const verdict = verdicts.get(params) ?? { record: {} };
      if (verdict.refusal !== undefined) {
        return { stream: refusalStream(verdict.refusal, withRampart(undefined, verdict.record)) };
      }
      const result = await doStream();
      if (!checkOutput && !checkToolCalls) return result;
      return {
        ...result,
        stream: guardStreamParts(result.stream, {
          chain,
          prompt: userPrompt(params.prompt),
          record: verdict.record,
          ...(options.windowChars ? { windowChars: options.windowChars } : {}),
          ...(options.holdBackChars !== undefined ? { holdBackChars: options.holdBackChars } : {}),
        }),
      };
    },
  };
}
