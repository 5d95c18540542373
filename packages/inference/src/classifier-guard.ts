import type { Finding, Guard, GuardContext, Stage } from '@rampart/core';
import type { Classifier } from './classifier.js';
import type { Verdict } from './verdict.js';

/** Options of {@link classifierGuard}. */
export interface ClassifierGuardOptions {
  name?: string;
  stages?: readonly Stage[];
  timeoutMs?: number;
  failMode?: 'open' | 'closed';
  /**
   * The prompt an output is answering, so the model scores the response in context. Defaults to
   * `ctx.metadata.prompt` when it is a string (the adapters set it).
   */
  promptFor?: (ctx: GuardContext) => string | undefined;
  /** Called with every verdict (flagged or not), e.g. to log scores or show them next to the decision. */
  onVerdict?: (verdict: Verdict, ctx: GuardContext) => void;
}

/**
 * Maps a probability onto a score whose 0.5 is the model's own threshold, so a policy's default
 * `threshold: 0.5` means "the manifest's calibrated operating point" and stricter or looser
 * per-category thresholds read naturally.
 */
export function scoreAgainstThreshold(probability: number, threshold: number): number {
  if (probability >= threshold)
    return 0.5 + (0.5 * (probability - threshold)) / Math.max(1e-9, 1 - threshold);
  return (0.5 * probability) / Math.max(1e-9, threshold);
}

/**
 * A core Guard backed by the severity classifier. Findings carry the harm category, the model's
 * severity and a score (see {@link scoreAgainstThreshold}); the chain's policy decides the action.
 * Input and tool text is scored as a prompt; output text as a response to `promptFor(ctx)`.
 */
export function classifierGuard(classifier: Classifier, options: ClassifierGuardOptions = {}): Guard {
  const name = options.name ?? 'severity-classifier';
  const promptFor =
    options.promptFor ??
    ((ctx: GuardContext) => (typeof ctx.metadata?.prompt === 'string' ? ctx.metadata.prompt : undefined));
  return {
    name,
    stages: options.stages ?? ['input', 'output'],
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.failMode ? { failMode: options.failMode } : {}),
    async check(text, ctx) {
      const verdict = await classifier.classify(
        ctx.stage === 'output' ? { prompt: promptFor(ctx) ?? '', response: text } : text,
      );
      options.onVerdict?.(verdict, ctx);
      if (!verdict.flagged) return [];
      const score = scoreAgainstThreshold(verdict.unsafe, verdict.threshold);
      return verdict.topCategories.map(
        (c): Finding => ({
          guard: name,
          category: c.category,
          severity: verdict.severity,
          score,
          message: `Classifier: ${c.category} (${verdict.severity}), P(unsafe)=${verdict.unsafe.toFixed(3)}`,
          metadata: {
            unsafe: verdict.unsafe,
            categoryScore: c.score,
            device: verdict.device,
            windows: verdict.windows,
          },
        }),
      );
    },
  };
}
