import { type DecisionCache, decisionCacheKey, LruCache } from '../cache/decision-cache.js';
import { ConfigValidationError } from '../errors.js';
import { RampartEmitter } from '../events/emitter.js';
import type { FailMode, Finding, Guard, GuardInput, Stage } from '../guard.js';
import { type Action, isPassingAction, strongestAction } from '../policy/actions.js';
import { definePolicy, type Policy, resolveAction } from '../policy/policy.js';
import type { PolicyInput } from '../policy/schema.js';
import { maxSeverity, type Severity } from '../taxonomy/severity.js';
import type { Decision, EvaluatedFinding } from './decision.js';
import { type GuardRun, runGuard } from './run-guard.js';
import {
  buildTextView,
  normaliseRedactions,
  type Redaction,
  redactMessages,
  redactSlice,
} from './text-view.js';

/** Options of {@link createGuardChain}. */
export interface GuardChainOptions {
  guards: readonly Guard[];
  /** A validated policy, or policy input to validate (defaults to {@link DEFAULT_POLICY_INPUT}). */
  policy?: Policy | PolicyInput;
  /** `parallel` (default) runs guards together and stops at the first block; `sequential` runs in order. */
  mode?: 'parallel' | 'sequential';
  /** Default per-guard time limit in ms (10 000). */
  timeoutMs?: number;
  /** Default fail mode (`closed`). */
  failMode?: FailMode;
  /** Reuse evaluations of identical text: `true` for a 1 000-entry LRU, or your own cache. */
  cache?: boolean | DecisionCache<EvaluatedFinding[]>;
  /** Emitter to publish events on (one is created when omitted). */
  events?: RampartEmitter;
}

/** Per-call options of {@link GuardChain.check}. */
export interface CheckOptions {
  signal?: AbortSignal;
  /** With message input: only messages with these roles are checked. */
  roles?: readonly string[];
  metadata?: Record<string, unknown>;
}

function isPolicy(value: Policy | PolicyInput): value is Policy {
  const v = value as Partial<Policy>;
  return (
    typeof v.version === 'string' && typeof v.refusalMessage === 'string' && typeof v.threshold === 'number'
  );
}

function validateGuards(guards: readonly Guard[]): void {
  const seen = new Set<string>();
  guards.forEach((guard, index) => {
    if (!guard || typeof guard.check !== 'function') {
      throw new ConfigValidationError('guard chain', [
        { path: `guards.${index}.check`, message: 'must be a function' },
      ]);
    }
    if (typeof guard.name !== 'string' || guard.name.length === 0) {
      throw new ConfigValidationError('guard chain', [
        { path: `guards.${index}.name`, message: 'must be a non-empty string' },
      ]);
    }
    if (seen.has(guard.name)) {
      throw new ConfigValidationError('guard chain', [
        { path: `guards.${index}.name`, message: `duplicate guard name "${guard.name}"` },
      ]);
    }
    seen.add(guard.name);
  });
}

/**
 * Runs guards on text at a stage and turns their findings into a {@link Decision} via the policy.
 * Create one with {@link createGuardChain}.
 */
export class GuardChain {
  readonly policy: Policy;
  readonly events: RampartEmitter;
  readonly guards: readonly Guard[];
  readonly #mode: 'parallel' | 'sequential';
  readonly #timeoutMs: number;
  readonly #failMode: FailMode;
  readonly #cache: DecisionCache<EvaluatedFinding[]> | undefined;

  constructor(options: GuardChainOptions) {
    validateGuards(options.guards);
    this.guards = [...options.guards];
    this.policy =
      options.policy && isPolicy(options.policy) ? options.policy : definePolicy(options.policy ?? {});
    this.events = options.events ?? new RampartEmitter();
    this.#mode = options.mode ?? 'parallel';
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#failMode = options.failMode ?? 'closed';
    this.#cache = options.cache === true ? new LruCache(1000) : options.cache || undefined;
  }

  /** Guards that run at `stage`. */
  guardsFor(stage: Stage): Guard[] {
    return this.guards.filter((g) => g.stages.includes(stage));
  }

  /** Checks text or messages at a stage. Never throws for guard failures: they follow the fail mode. */
  async check(stage: Stage, input: GuardInput, options: CheckOptions = {}): Promise<Decision> {
    const started = performance.now();
    const view = buildTextView(input, options.roles);
    const cacheKey = this.#cache ? await decisionCacheKey(stage, this.policy.version, view.text) : undefined;
    const cachedFindings = cacheKey ? this.#cache?.get(cacheKey) : undefined;
    let findings = cachedFindings;
    if (!findings) {
      findings = await this.#evaluate(stage, view.text, input, options);
      const failed = findings.some((f) => f.category === 'guard_failure');
      if (cacheKey && !failed) this.#cache?.set(cacheKey, findings);
    }

    const decision = this.#decide(stage, input, view, findings, started, cachedFindings !== undefined);
    this.#emitDecision(decision);
    return decision;
  }

  async #evaluate(
    stage: Stage,
    text: string,
    input: GuardInput,
    options: CheckOptions,
  ): Promise<EvaluatedFinding[]> {
    const guards = this.guardsFor(stage);
    const controller = new AbortController();
    const onAbort = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const ctx = {
      stage,
      ...(typeof input === 'string' ? {} : { messages: input }),
      ...(options.metadata ? { metadata: options.metadata } : {}),
    };
    const limits = { timeoutMs: this.#timeoutMs, failMode: this.#failMode, signal: controller.signal };
    const runs: GuardRun[] = [];
    const blocks = (run: GuardRun) => run.findings.some((f) => this.#actionFor(f) === 'block');
    try {
      if (this.#mode === 'sequential') {
        for (const guard of guards) {
          const run = await runGuard(guard, text, ctx, limits);
          runs.push(run);
          if (blocks(run)) break;
        }
      } else {
        await new Promise<void>((resolve) => {
          let pending = guards.length;
          let shortCircuited = false;
          if (pending === 0) resolve();
          for (const guard of guards) {
            void runGuard(guard, text, ctx, limits).then((run) => {
              pending--;
              // After a short-circuit, late answers are dropped; a caller's abort is not a
              // short-circuit: aborted guards still report (and fail per their fail mode).
              if (!shortCircuited) {
                runs.push(run);
                if (blocks(run)) {
                  // Short-circuit: the others' answers cannot change a block, so stop waiting.
                  shortCircuited = true;
                  controller.abort(new Error('chain short-circuited on block'));
                  resolve();
                }
              }
              if (pending === 0) resolve();
            });
          }
        });
      }
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
    for (const run of runs) this.#emitGuardError(stage, run);
    // Findings in guard order, whatever order they finished in.
    runs.sort((a, b) => guards.indexOf(a.guard) - guards.indexOf(b.guard));
    return runs.flatMap((run) => run.findings.map((f) => ({ ...f, action: this.#actionFor(f) })));
  }

  /** The policy's action, except that a redaction needs a span: without one the only safe reading is a block. */
  #actionFor(finding: Finding): Action {
    const action = resolveAction(this.policy, finding);
    return action === 'redact' && !finding.span ? 'block' : action;
  }

  #decide(
    stage: Stage,
    input: GuardInput,
    view: ReturnType<typeof buildTextView>,
    findings: EvaluatedFinding[],
    started: number,
    cached: boolean,
  ): Decision {
    let action: Decision['action'] = 'allow';
    let severity: Severity = 'none';
    const categories = new Set<string>();
    const redactions: Redaction[] = [];
    for (const finding of findings) {
      action = strongestAction(action, finding.action);
      if (finding.action === 'allow') continue;
      severity = maxSeverity(severity, finding.severity);
      if (finding.category) categories.add(finding.category);
      if (finding.action === 'redact' && finding.span) {
        redactions.push({ span: finding.span, replacement: finding.replacement ?? '[REDACTED]' });
      }
    }
    const allowed = isPassingAction(action);
    const merged = normaliseRedactions(redactions);
    const text = merged.length > 0 ? redactSlice(view.text, merged) : view.text;
    const decision: Decision = {
      stage,
      action,
      allowed,
      text,
      findings,
      severity,
      categories: [...categories],
      durationMs: performance.now() - started,
      policyVersion: this.policy.version,
      cached,
    };
    if (typeof input !== 'string') decision.messages = redactMessages(input, view, allowed ? merged : []);
    if (action === 'block') decision.replacement = this.policy.refusalMessage;
    if (action === 'replace') decision.replacement = this.policy.replacementMessage;
    if (action === 'escalate') decision.replacement = this.policy.escalationMessage;
    return decision;
  }

  #emitGuardError(stage: Stage, run: GuardRun): void {
    if (!run.error) return;
    const event = { guard: run.guard.name, stage, failMode: run.failMode, error: run.error };
    this.events.emit(run.error.code === 'GUARD_TIMEOUT' ? 'guardTimeout' : 'guardError', event);
  }

  #emitDecision(decision: Decision): void {
    for (const finding of decision.findings) this.events.emit('finding', finding, decision.stage);
    if (decision.action === 'block') this.events.emit('blocked', decision);
    if (decision.action === 'escalate') this.events.emit('escalated', decision);
    if (decision.action === 'redact') this.events.emit('redacted', decision);
    this.events.emit('decision', decision);
  }
}

/** Creates a {@link GuardChain}. Throws {@link ConfigValidationError} for a malformed policy or guard list. */
export function createGuardChain(options: GuardChainOptions): GuardChain {
  return new GuardChain(options);
}
