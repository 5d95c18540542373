import { AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import {
  createStreamGuard,
  type GuardChain,
  type StreamGuard,
  type StreamGuardOptions,
  summarizeDecision,
} from '@rampart/core';
import { contentText } from './message-text.js';

/** One item of `agent.stream(input, { streamMode: 'messages' })`: a message (chunk) and its metadata. */
export type MessageStreamItem = [BaseMessage, Record<string, unknown>];

/** Options of {@link guardMessageStream}. */
export interface GuardMessageStreamOptions extends Omit<StreamGuardOptions, 'chain'> {
  chain: GuardChain;
}

interface OpenMessage {
  guard: StreamGuard;
  metadata: Record<string, unknown>;
  /** Tool-call chunks are held until the message ends (their arguments are checked whole). */
  toolCallChunks: NonNullable<AIMessageChunk['tool_call_chunks']>;
}

function chunkWith(
  id: string | undefined,
  text: string,
  extra: Partial<ConstructorParameters<typeof AIMessageChunk>[0] & object> = {},
) {
  return new AIMessageChunk({ content: text, ...(id ? { id } : {}), ...extra });
}

/**
 * Guards an agent's token stream (`streamMode: 'messages'`). LangChain middleware hooks see the
 * whole model answer only after the tokens were already streamed, so the hold-back window lives
 * here instead: AI text is released per message id only after the output guards passed it; on a
 * block one chunk with the policy's replacement (and the decision in `response_metadata.rampart`)
 * is emitted and the rest of that message is dropped. Tool-call chunks are held until the message
 * ends and released only if their arguments pass the `tool` stage. Other messages pass through.
 */
export async function* guardMessageStream(
  source: AsyncIterable<MessageStreamItem>,
  options: GuardMessageStreamOptions,
): AsyncGenerator<MessageStreamItem> {
  const open = new Map<string, OpenMessage>();

  async function* close(id: string): AsyncGenerator<MessageStreamItem> {
    const entry = open.get(id)!;
    open.delete(id);
    const final = await entry.guard.finish();
    const meta = { rampart: summarizeDecision(final.decision) };
    if (final.text) yield [chunkWith(id, final.text, { response_metadata: meta }), entry.metadata];
    if (final.blocked || entry.toolCallChunks.length === 0) return;
    const args = entry.toolCallChunks.map((c) => `${c.name ?? ''}(${c.args ?? ''})`).join('\n');
    const toolDecision = await options.chain.check('tool', args);
    if (toolDecision.allowed) {
      yield [chunkWith(id, '', { tool_call_chunks: entry.toolCallChunks }), entry.metadata];
    }
  }

  for await (const item of source) {
    const [message, metadata] = item;
    if (!AIMessageChunk.isInstance(message)) {
      // A non-AI message ends whatever AI message was streaming before it.
      for (const id of [...open.keys()]) yield* close(id);
      yield item;
      continue;
    }
    const id = message.id ?? 'unknown';
    for (const other of [...open.keys()]) if (other !== id) yield* close(other);
    let entry = open.get(id);
    if (!entry) {
      entry = {
        guard: createStreamGuard({ ...options, chain: options.chain }),
        metadata,
        toolCallChunks: [],
      };
      open.set(id, entry);
    }
    entry.toolCallChunks.push(...(message.tool_call_chunks ?? []));
    const text = contentText(message.content);
    if (!text || entry.guard.blocked) continue;
    const wasBlocked = entry.guard.blocked;
    const step = await entry.guard.push(text);
    if (step.blocked && !wasBlocked) {
      entry.toolCallChunks = [];
      const meta = step.decision ? { rampart: summarizeDecision(step.decision) } : {};
      yield [chunkWith(id, step.text, { response_metadata: meta }), metadata];
    } else if (step.text) {
      yield [chunkWith(id, step.text), metadata];
    }
  }
  for (const id of [...open.keys()]) yield* close(id);
}
