import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { AIMessage, AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import { FakeStreamingChatModel } from '@langchain/core/utils/testing';

/** One scripted turn: the answer text and any tool calls the "model" makes. */
export interface ScriptedTurn {
  content: string;
  toolCalls?: Array<{ name: string; args: Record<string, unknown>; id?: string }>;
}

/**
 * An offline chat model for examples and tests, built on @langchain/core's FakeStreamingChatModel:
 * it answers with the scripted turns in order (wrapping around), streams text in chunks of
 * `chunkSize` characters (or sizes from `chunkSizes`, cycled), and supports tool calling.
 */
export class ScriptedChatModel extends FakeStreamingChatModel {
  readonly script: ScriptedTurn[];
  readonly chunkSizes: number[];
  #turn = 0;

  constructor(script: ScriptedTurn[], options: { chunkSizes?: number[]; sleep?: number } = {}) {
    super({ sleep: options.sleep ?? 0 });
    this.script = script;
    this.chunkSizes = options.chunkSizes ?? [4];
  }

  override bindTools(): this {
    // Tool specs do not change the script; the agent only needs binding to succeed.
    return this;
  }

  /** How many times the model has been called. */
  get calls(): number {
    return this.#turn;
  }

  #next(): ScriptedTurn {
    const turn = this.script[this.#turn % this.script.length]!;
    this.#turn++;
    return turn;
  }

  #toolCalls(turn: ScriptedTurn) {
    return (turn.toolCalls ?? []).map((c, i) => ({
      name: c.name,
      args: c.args,
      id: c.id ?? `call_${this.#turn}_${i}`,
      type: 'tool_call' as const,
    }));
  }

  override async _generate(_messages: BaseMessage[]): Promise<ChatResult> {
    const turn = this.#next();
    const message = new AIMessage({ content: turn.content, tool_calls: this.#toolCalls(turn) });
    return { generations: [{ text: turn.content, message }] };
  }

  override async *_streamResponseChunks(
    _messages: BaseMessage[],
    _options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const turn = this.#next();
    let offset = 0;
    let n = 0;
    while (offset < turn.content.length) {
      const size = this.chunkSizes[n++ % this.chunkSizes.length]!;
      const text = turn.content.slice(offset, offset + size);
      offset += size;
      const chunk = new ChatGenerationChunk({ message: new AIMessageChunk({ content: text }), text });
      yield chunk;
      await runManager?.handleLLMNewToken(text, undefined, undefined, undefined, undefined, { chunk });
    }
    const calls = this.#toolCalls(turn);
    if (calls.length > 0) {
      yield new ChatGenerationChunk({
        message: new AIMessageChunk({
          content: '',
          tool_call_chunks: calls.map((c, index) => ({
            name: c.name,
            args: JSON.stringify(c.args),
            id: c.id,
            index,
            type: 'tool_call_chunk' as const,
          })),
        }),
        text: '',
      });
    }
  }
}
