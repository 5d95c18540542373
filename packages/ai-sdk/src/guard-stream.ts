import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { createStreamGuard, type GuardChain, type StreamGuard, type StreamGuardOptions } from '@rampart/core';
import { type RampartProviderMetadata, summary, withRampart } from './metadata.js';
import { CONTENT_FILTER } from './refusal.js';

type Part = LanguageModelV3StreamPart;

/** Options for {@link guardStreamParts}. */
export interface GuardStreamPartsOptions extends Omit<StreamGuardOptions, 'chain' | 'metadata'> {
  chain: GuardChain;
  prompt: string;
  record: RampartProviderMetadata;
}

/**
 * Guards an AI SDK stream: `text-delta` parts per text id through the core hold-back window; tool
 * input parts held until their `tool-call` passes the `tool` stage. On a block the replacement is
 * emitted as text, open text blocks are closed, the upstream is cancelled (the model stops) and the
 * stream finishes with finish reason `content-filter`. The decisions land in the finish part's
 * `providerMetadata.rampart`.
 */
export function guardStreamParts(
  upstream: ReadableStream<Part>,
  options: GuardStreamPartsOptions,
): ReadableStream<Part> {
  const { chain, prompt, record } = options;
  const reader = upstream.getReader();
  const guards = new Map<string, StreamGuard>();
  const heldToolInput = new Map<string, Part[]>();
  let blocked = false;
  let done = false;
  const guardFor = (id: string) => {
    let guard = guards.get(id);
    if (!guard) {
      guard = createStreamGuard({ ...options, chain, metadata: { prompt } });
      guards.set(id, guard);
    }
    return guard;
  };

  /** Ends the stream after a block: close open text blocks, report, stop the model. */
  async function endBlocked(controller: ReadableStreamDefaultController<Part>, id: string, text: string) {
    blocked = true;
    controller.enqueue({ type: 'text-delta', id, delta: text });
    for (const openId of guards.keys()) controller.enqueue({ type: 'text-end', id: openId });
    guards.clear();
    controller.enqueue({
      type: 'finish',
      finishReason: { ...CONTENT_FILTER },
      usage: {
        inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: undefined, text: undefined, reasoning: undefined },
      },
      providerMetadata: withRampart(undefined, record),
    });
    done = true;
    controller.close();
    await reader.cancel().catch(() => undefined);
  }

  async function handle(part: Part, controller: ReadableStreamDefaultController<Part>): Promise<void> {
    switch (part.type) {
      case 'text-start':
        guardFor(part.id);
        controller.enqueue(part);
        return;
      case 'text-delta': {
        const step = await guardFor(part.id).push(part.delta);
        if (step.blocked) {
          record.output = summary(step.decision!);
          return endBlocked(controller, part.id, step.text);
        }
        if (step.text) controller.enqueue({ ...part, delta: step.text });
        return;
      }
      case 'text-end': {
        const final = await guardFor(part.id).finish();
        guards.delete(part.id);
        record.output = summary(final.decision);
        if (final.blocked) return endBlocked(controller, part.id, final.text);
        if (final.text) controller.enqueue({ type: 'text-delta', id: part.id, delta: final.text });
        controller.enqueue(part);
        return;
      }
      case 'tool-input-start':
      case 'tool-input-delta':
      case 'tool-input-end':
        // Arguments may carry harmful text: hold them until the whole call has been checked.
        heldToolInput.set(part.id, [...(heldToolInput.get(part.id) ?? []), part]);
        return;
      case 'tool-call': {
        const decision = await chain.check('tool', `${part.toolName}(${part.input})`, {
          metadata: { tool: part.toolName, prompt },
        });
        record.toolCalls = [
          ...(record.toolCalls ?? []),
          { toolCallId: part.toolCallId, toolName: part.toolName, decision: summary(decision) },
        ];
        const held = heldToolInput.get(part.toolCallId) ?? [];
        heldToolInput.delete(part.toolCallId);
        if (!decision.allowed) return;
        for (const h of held) controller.enqueue(h);
        controller.enqueue(part);
        return;
      }
      case 'finish': {
        const droppedCalls = record.toolCalls?.some((c) => !c.decision.allowed) ?? false;
        controller.enqueue({
          ...part,
          ...(droppedCalls ? { finishReason: { ...CONTENT_FILTER } } : {}),
          providerMetadata: withRampart(part.providerMetadata, record),
        });
        return;
      }
      default:
        controller.enqueue(part);
    }
  }

  return new ReadableStream<Part>({
    async pull(controller) {
      while (!done) {
        const { done: ended, value } = await reader.read();
        if (ended) {
          done = true;
          controller.close();
          return;
        }
        const before = controller.desiredSize;
        await handle(value, controller);
        // Return once something was enqueued (or the stream ended), so backpressure works.
        if (done || blocked || controller.desiredSize !== before) return;
      }
    },
    cancel(reason) {
      done = true;
      return reader.cancel(reason);
    },
  });
}
