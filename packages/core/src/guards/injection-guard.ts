import type { Guard, Stage } from '../guard.js';
import { normalizeForMatching, toOriginalSpan } from '../normalize/normalize.js';
import { INJECTION_RULES, type InjectionRule } from './injection-rules.js';
import { severityFromScore } from './severity-from-score.js';

/** Options of {@link injectionGuard}. */
export interface InjectionGuardOptions {
  name?: string;
  /** Extra rules added to the built-in ones. */
  rules?: readonly InjectionRule[];
  stages?: readonly Stage[];
  timeoutMs?: number;
}

/**
 * Scores prompt-injection and jailbreak attempts with weighted heuristics on normalised text
 * (homoglyphs, leetspeak and zero-width tricks folded). Emits one finding (category
 * `prompt_injection`) whose score combines every signal that fired; severity follows the score.
 * Runs on input and tool stages by default (tool results are a common injection path).
 */
export function injectionGuard(options: InjectionGuardOptions = {}): Guard {
  const rules = [...INJECTION_RULES, ...(options.rules ?? [])];
  return {
    name: options.name ?? 'injection',
    stages: options.stages ?? ['input', 'tool'],
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    check(text) {
      const normalized = normalizeForMatching(text, { leet: true });
      let keep = 1;
      const fired: string[] = [];
      let firstSpan: { start: number; end: number } | undefined;
      for (const rule of rules) {
        rule.regex.lastIndex = 0;
        const match = rule.regex.exec(normalized.text);
        rule.regex.lastIndex = 0;
        if (!match) continue;
        keep *= 1 - rule.weight;
        fired.push(rule.id);
        const span = toOriginalSpan(normalized, match.index, match.index + match[0].length);
        if (!firstSpan || span.start < firstSpan.start) firstSpan = span;
      }
      if (fired.length === 0) return [];
      const score = 1 - keep;
      return [
        {
          guard: this.name,
          category: 'prompt_injection',
          severity: severityFromScore(score),
          score,
          ...(firstSpan ? { span: firstSpan } : {}),
          message: `Possible prompt injection (${fired.join(', ')})`,
          metadata: { rules: fired },
        },
      ];
    },
  };
}
