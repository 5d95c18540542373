import type { Decision } from '../chain/decision.js';
import { createStreamGuard, type StreamGuardOptions } from './stream-guard.js';

/** Options of {@link createGuardTransformStream}. */
export interface GuardTransformStreamOptions extends StreamGuardOptions {
  /** Called once with the final decision (full-text check, or the one that blocked). */
  onDecision?: (decision: Decision) => void;
}

/**
 * The hold-back guard as a Web `TransformStream<string, string>`, for `pipeThrough`. After a
 * block it writes the replacement text once and swallows the rest of the input.
 */
export function createGuardTransformStream(
  options: GuardTransformStreamOptions,
): TransformStream<string, string> {
  const guard = createStreamGuard(options);
  let reported = false;
  const report = (decision: Decision | undefined) => {
    if (reported || !decision) return;
    reported = true;
    options.onDecision?.(decision);
  };
  return new TransformStream<string, string>({
    async transform(delta, controller) {
      const wasBlocked = guard.blocked;
      const step = await guard.push(delta);
      if (step.text) controller.enqueue(step.text);
      if (step.blocked && !wasBlocked) report(step.decision);
    },
    async flush(controller) {
      const final = await guard.finish();
      if (final.text) controller.enqueue(final.text);
      report(final.decision);
    },
  });
}
