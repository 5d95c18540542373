import type { CallbackManagerForChainRun } from '@langchain/core/callbacks/manager';
import { type AIMessage, AIMessageChunk, BaseMessage, BaseMessageChunk } from '@langchain/core/messages';
import { patchConfig, Runnable, type RunnableConfig } from '@langchain/core/runnables';
import {
  type ChatMessage,
  createStreamGuard,
  type Decision,
  type GuardChain,
  type GuardInput,
  GuardrailViolationError,
  summarizeDecision,
} from '@rampart/core';
import { guardedAnswer } from './guarded-answer.js';
import { contentText, messageText } from './message-text.js';
import { type DecisionEventSink, traceDecision } from './trace.js';

/** Options of {@link guardRunnable}. */
export interface GuardRunnableOptions {
  chain: GuardChain;
  /** Check the input before running (default true). A blocked input throws {@link GuardrailViolationError}. */
  checkInput?: boolean;
  /** Check the output (default true): redacted or replaced per policy. */
  checkOutput?: boolean;
  /** Hold-back window for `stream` (see core `createStreamGuard`). */
  windowChars?: number;
  holdBackChars?: number;
}

type RoleOf = (m: BaseMessage) => string;
const roleOf: RoleOf = (m) => {
  const type = m.getType();
  return type === 'human' ? 'user' : type === 'ai' ? 'assistant' : type;
};

/** Turns common Runnable inputs into something a chain can check. */
function toGuardInput(input: unknown): GuardInput {
  if (typeof input === 'string') return input;
  if (input instanceof BaseMessage) return [{ role: roleOf(input), content: messageText(input) }];
  if (Array.isArray(input)) {
    return input.map(
      (m): ChatMessage =>
        m instanceof BaseMessage
          ? { role: roleOf(m), content: messageText(m) }
          : { role: 'user', content: String(m) },
    );
  }
  const asPrompt = input as { toChatMessages?: () => BaseMessage[] } | null;
  if (asPrompt && typeof asPrompt.toChatMessages === 'function')
    return toGuardInput(asPrompt.toChatMessages());
  if (input && typeof input === 'object') {
    return Object.values(input)
      .filter((v): v is string => typeof v === 'string')
      .join('\n\n');
  }
  return String(input ?? '');
}

function outputText(output: unknown): string | undefined {
  if (typeof output === 'string') return output;
  if (output instanceof BaseMessage) return messageText(output);
  return undefined;
}

function rewriteOutput<T>(output: T, decision: Decision): T {
  if (typeof output === 'string')
    return (decision.allowed ? decision.text : (decision.replacement ?? '')) as T;
  if (output instanceof BaseMessage) return guardedAnswer(output as unknown as AIMessage, decision) as T;
  return output;
}

/**
 * A Runnable that guards another: `invoke` and `batch` check the input (throwing
 * {@link GuardrailViolationError} on a block) and the output (redacted or replaced per policy);
 * `stream` releases text chunks through the core hold-back window, so no unchecked text reaches
 * the caller. Decisions are dispatched as `rampart_decision` callback events.
 */
export class GuardedRunnable<RunInput, RunOutput> extends Runnable<RunInput, RunOutput> {
  lc_namespace = ['rampart', 'langchain'];
  readonly inner: Runnable<RunInput, RunOutput>;
  readonly options: GuardRunnableOptions;

  constructor(inner: Runnable<RunInput, RunOutput>, options: GuardRunnableOptions) {
    super();
    this.inner = inner;
    this.options = options;
  }

  async #checkInput(input: RunInput, via?: RunnableConfig | DecisionEventSink): Promise<string> {
    const guardInput = toGuardInput(input);
    const prompt =
      typeof guardInput === 'string' ? guardInput : guardInput.map((m) => String(m.content)).join('\n\n');
    if (this.options.checkInput === false) return prompt;
    const decision = await this.options.chain.check('input', guardInput);
    await traceDecision(decision, via);
    if (!decision.allowed) throw new GuardrailViolationError(decision);
    return prompt;
  }

  async invoke(input: RunInput, config?: RunnableConfig): Promise<RunOutput> {
    return this._callWithConfig(
      async (value: RunInput, runManager?: CallbackManagerForChainRun, childConfig?: RunnableConfig) => {
        const prompt = await this.#checkInput(value, runManager ?? childConfig);
        const output = await this.inner.invoke(value, childConfig);
        const text = outputText(output);
        if (this.options.checkOutput === false || text === undefined) return output;
        const decision = await this.options.chain.check('output', text, { metadata: { prompt } });
        await traceDecision(decision, runManager ?? childConfig);
        return decision.allowed && decision.action !== 'redact' ? output : rewriteOutput(output, decision);
      },
      input,
      config,
    );
  }

  override async *_streamIterator(
    input: RunInput,
    config?: Partial<RunnableConfig>,
  ): AsyncGenerator<RunOutput> {
    async function* once(): AsyncGenerator<RunInput> {
      yield input;
    }
    // Run inside a traced run, so decisions dispatched as custom events have a parent.
    yield* this._transformStreamWithConfig(
      once(),
      (_inputs, runManager, childConfig) => {
        // The inner run is a child of this one: it must not reuse this run's id.
        const { runId: _ownRunId, ...inherited } = childConfig ?? {};
        return this.#guardedStream(
          input,
          patchConfig(inherited, { callbacks: runManager?.getChild() }),
          runManager,
        );
      },
      config,
    );
  }

  async *#guardedStream(
    input: RunInput,
    config: Partial<RunnableConfig>,
    run?: DecisionEventSink,
  ): AsyncGenerator<RunOutput> {
    const prompt = await this.#checkInput(input, run ?? config);
    const upstream = await this.inner.stream(input, config);
    if (this.options.checkOutput === false) {
      yield* upstream;
      return;
    }
    const guard = createStreamGuard({
      chain: this.options.chain,
      metadata: { prompt },
      ...(this.options.windowChars ? { windowChars: this.options.windowChars } : {}),
      ...(this.options.holdBackChars !== undefined ? { holdBackChars: this.options.holdBackChars } : {}),
    });
    let asMessages = false;
    const wrap = (text: string, decision?: Decision): RunOutput =>
      (asMessages
        ? new AIMessageChunk({
            content: text,
            ...(decision ? { response_metadata: { rampart: summarizeDecision(decision) } } : {}),
          })
        : text) as RunOutput;
    for await (const chunk of upstream) {
      asMessages = chunk instanceof BaseMessageChunk;
      const text = asMessages ? contentText((chunk as BaseMessageChunk).content) : String(chunk);
      const step = await guard.push(text);
      if (step.blocked) {
        await traceDecision(step.decision!, run ?? config);
        yield wrap(step.text, step.decision);
        // Returning ends the for-await, which cancels the upstream (the model stops generating).
        return;
      }
      if (step.text) yield wrap(step.text);
    }
    const final = await guard.finish();
    await traceDecision(final.decision, run ?? config);
    if (final.text || final.blocked) yield wrap(final.text, final.decision);
  }
}

/** Wraps any Runnable (model, chain, agent) with a Rampart chain. */
export function guardRunnable<RunInput, RunOutput>(
  runnable: Runnable<RunInput, RunOutput>,
  options: GuardRunnableOptions,
): GuardedRunnable<RunInput, RunOutput> {
  return new GuardedRunnable(runnable, options);
}
