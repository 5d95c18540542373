import type { Decision } from '../chain/decision.js';
import type { CheckOptions, GuardChain } from '../chain/guard-chain.js';
import { normaliseRedactions, type Redaction, redactSlice } from '../chain/text-view.js';
import { ConfigValidationError } from '../errors.js';
import type { Stage } from '../guard.js';
import { chooseCutPoint } from './cut-point.js';

/** Options of {@link createStreamGuard}. */
export interface StreamGuardOptions {
  chain: GuardChain;
  /** Stage whose guards check the stream (default `output`). */
  stage?: Stage;
  /** New characters to collect before a check (default 160). Larger: fewer checks, more latency. */
  windowChars?: number;
  /**
   * Characters always kept back after a check (default 48), so a term that straddles the cut is
   * seen whole by the next check. Keep it at least as long as the longest term you match.
   */
  holdBackChars?: number;
  /** Already released characters prepended to each check, for context (default 160). */
  contextChars?: number;
  /**
   * Most characters held while waiting for a word boundary (default 4 x windowChars): past this,
   * text without whitespace is cut mid-word rather than held forever.
   */
  maxHeldChars?: number;
  signal?: AbortSignal;
  metadata?: Record<string, unknown>;
}

/** What one push or the finish produced. */
export interface StreamStep {
  /** Text now safe to show (may be empty); on a block, the policy's replacement text. */
  text: string;
  /** True once the stream is blocked: no further original text will ever be released. */
  blocked: boolean;
  /** The decision of the check this step ran, if any (from `finish`: the decision on the full text). */
  decision?: Decision;
}

/** Incremental hold-back guard for one text stream. */
export interface StreamGuard {
  /** Adds a delta; resolves with whatever text became safe to release. */
  push(delta: string): Promise<StreamStep>;
  /** Checks the full text and releases the rest; resolves with the final decision. */
  finish(): Promise<StreamStep & { decision: Decision }>;
  /** Original characters released so far (before redaction). */
  readonly releasedChars: number;
  /** Characters held back right now. */
  readonly heldChars: number;
  readonly blocked: boolean;
}

function positiveInt(value: number | undefined, fallback: number, path: string, min = 1): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min) {
    throw new ConfigValidationError('stream guard options', [
      { path, message: `must be an integer >= ${min}` },
    ]);
  }
  return v;
}

/**
 * Creates a hold-back guard for a stream of text deltas. Text is released only after the stage's
 * guards passed a window containing it (the window is cut at sentence or word boundaries, and the
 * full text is checked at the end). On a block nothing more of the original is released: the step
 * carries the policy's replacement text instead. Pushes are serialised, so callers may fire them
 * without awaiting each one.
 */
export function createStreamGuard(options: StreamGuardOptions): StreamGuard {
  const { chain } = options;
  const stage = options.stage ?? 'output';
  const windowChars = positiveInt(options.windowChars, 160, 'windowChars');
  const holdBackChars = positiveInt(options.holdBackChars, 48, 'holdBackChars', 0);
  const contextChars = positiveInt(options.contextChars, 160, 'contextChars', 0);
  const maxHeldChars = positiveInt(options.maxHeldChars, 4 * windowChars + holdBackChars, 'maxHeldChars');
  const checkOptions: CheckOptions = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.metadata ? { metadata: options.metadata } : {}),
  };

  // The text is kept as parts (joined once, for the final check) plus the small strings the window
  // needs: slicing one ever-growing string would flatten it on every check (quadratic time).
  const parts: string[] = [];
  let pending = '';
  let context = '';
  let releasedChars = 0;
  let blockedBy: Decision | undefined;
  let finished: (StreamStep & { decision: Decision }) | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let queued = 0;

  const serialise = <T>(task: () => Promise<T>): Promise<T> => {
    queued++;
    const run = queue.then(task).finally(() => {
      queued--;
    });
    queue = run.catch(() => undefined);
    return run;
  };

  /**
   * Checks `checkText`, whose held (unreleased) part starts at `offset`, and releases up to `limit`
   * characters of it.
   */
  async function checkAndRelease(
    checkText: string,
    offset: number,
    limit: number,
  ): Promise<StreamStep & { decision: Decision }> {
    const decision = await chain.check(stage, checkText, checkOptions);
    if (!decision.allowed) {
      blockedBy = decision;
      return { text: decision.replacement ?? chain.policy.refusalMessage, blocked: true, decision };
    }
    let cut = offset + chooseCutPoint(pending, limit, pending.length >= maxHeldChars);
    const redactions: Redaction[] = [];
    for (const f of decision.findings) {
      if (f.action !== 'redact' || !f.span) continue;
      // Never cut through a span being redacted: release up to its start, keep the rest back.
      if (f.span.start < cut && f.span.end > cut) cut = Math.max(offset, f.span.start);
      redactions.push({ span: f.span, replacement: f.replacement ?? '[REDACTED]' });
    }
    const text = redactSlice(checkText, normaliseRedactions(redactions), offset, cut);
    const released = cut - offset;
    if (released > 0) {
      releasedChars += released;
      // slice(-0) would keep everything: no context means an empty context.
      context = contextChars > 0 ? (context + pending.slice(0, released)).slice(-contextChars) : '';
      pending = pending.slice(released);
      chain.events.emit('streamReleased', { text, releasedChars, heldChars: pending.length });
    }
    return { text, blocked: false, decision };
  }

  return {
    get releasedChars() {
      return releasedChars;
    },
    get heldChars() {
      return pending.length;
    },
    get blocked() {
      return blockedBy !== undefined;
    },
    push(delta) {
      // Fast path: nothing queued and the window not yet full, so there is nothing to check.
      if (
        queued === 0 &&
        !blockedBy &&
        !finished &&
        pending.length + delta.length < windowChars + holdBackChars
      ) {
        parts.push(delta);
        pending += delta;
        return Promise.resolve({ text: '', blocked: false });
      }
      return serialise(async () => {
        if (blockedBy || finished) return { text: '', blocked: blockedBy !== undefined };
        parts.push(delta);
        pending += delta;
        if (pending.length < windowChars + holdBackChars) return { text: '', blocked: false };
        return checkAndRelease(context + pending, context.length, pending.length - holdBackChars);
      });
    },
    finish() {
      return serialise(async () => {
        if (finished) return finished;
        if (blockedBy) {
          finished = { text: '', blocked: true, decision: blockedBy };
          return finished;
        }
        // The last check covers the whole text, so nothing escapes a window-sized blind spot.
        finished = await checkAndRelease(parts.join(''), releasedChars, pending.length);
        return finished;
      });
    },
  };
}
