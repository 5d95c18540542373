import type { Decision } from '../chain/decision.js';
import { createStreamGuard, type StreamGuardOptions } from './stream-guard.js';

/** A guarded stream of text: iterate it for safe text; `decision` settles when it ends. */
export interface GuardedTextStream extends AsyncIterable<string> {
  /** The final decision (full-text check, or the one that blocked). */
  readonly decision: Promise<Decision>;
}

/** Text deltas as an async iterable or a Web ReadableStream. */
export type TextDeltaSource = AsyncIterable<string> | ReadableStream<string>;

async function* readStream(stream: ReadableStream<string>): AsyncGenerator<string> {
  const reader = stream.getReader();
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Cancels the producer when the consumer stops early (e.g. after a block).
    await reader.cancel().catch(() => undefined);
  }
}

function toAsyncIterable(source: TextDeltaSource): AsyncIterable<string> {
  if (typeof (source as ReadableStream<string>).getReader === 'function') {
    return readStream(source as ReadableStream<string>);
  }
  return source as AsyncIterable<string>;
}

/**
 * Guards a text stream with the hold-back window of {@link createStreamGuard}. On a block it
 * yields the policy's replacement text, stops reading the source (so the model stops generating)
 * and resolves `decision` with the blocking decision.
 */
export function guardTextStream(source: TextDeltaSource, options: StreamGuardOptions): GuardedTextStream {
  let resolveDecision!: (d: Decision) => void;
  let rejectDecision!: (e: unknown) => void;
  const decision = new Promise<Decision>((resolve, reject) => {
    resolveDecision = resolve;
    rejectDecision = reject;
  });
  // A consumer that only iterates must not see an unhandled rejection from `decision`.
  decision.catch(() => undefined);

  async function* run(): AsyncGenerator<string> {
    const guard = createStreamGuard(options);
    try {
      for await (const delta of toAsyncIterable(source)) {
        const step = await guard.push(delta);
        if (step.text) yield step.text;
        if (step.blocked) {
          resolveDecision(step.decision!);
          return;
        }
      }
      const final = await guard.finish();
      if (final.text) yield final.text;
      resolveDecision(final.decision);
    } catch (error) {
      rejectDecision(error);
      throw error;
    }
  }

  let started = false;
  return {
    decision,
    [Symbol.asyncIterator]() {
      if (started) throw new TypeError('a guarded text stream can be iterated only once');
      started = true;
      return run();
    },
  };
}
