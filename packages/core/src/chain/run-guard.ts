import { GuardFailedError, GuardTimeoutError, type RampartError } from '../errors.js';
import type { FailMode, Finding, Guard, GuardContext } from '../guard.js';
import { GUARD_FAILURE_CATEGORY } from '../policy/policy.js';
import { SEVERITIES } from '../taxonomy/severity.js';

/** What running one guard produced. */
export interface GuardRun {
  guard: Guard;
  findings: Finding[];
  /** Set when the guard threw, returned garbage or timed out. */
  error?: RampartError;
  failMode: FailMode;
}

/** Keeps a guard's findings well-formed: known severity, score in [0,1], span inside the text. */
function sanitiseFinding(guard: Guard, raw: Finding, textLength: number): Finding {
  if (!raw || typeof raw !== 'object' || !SEVERITIES.includes(raw.severity)) {
    throw new TypeError('returned a finding without a valid severity');
  }
  const score = Number.isFinite(raw.score) ? Math.min(1, Math.max(0, raw.score)) : 1;
  const finding: Finding = { ...raw, guard: raw.guard || guard.name, score };
  if (raw.span) {
    const start = Math.max(0, Math.min(textLength, Math.floor(raw.span.start)));
    const end = Math.max(start, Math.min(textLength, Math.floor(raw.span.end)));
    if (Number.isFinite(start) && Number.isFinite(end) && end > start) finding.span = { start, end };
    else delete finding.span;
  }
  return finding;
}

function failureFinding(guard: Guard, error: RampartError): Finding {
  return {
    guard: guard.name,
    category: GUARD_FAILURE_CATEGORY,
    severity: 'severe',
    score: 1,
    message: `${error.message} (fail-closed)`,
    metadata: { code: error.code },
  };
}

/**
 * Runs one guard under a time limit. Errors and timeouts never escape: they become a blocking
 * finding (`failMode: 'closed'`) or no finding (`'open'`), and are reported in `error`.
 */
export async function runGuard(
  guard: Guard,
  text: string,
  ctx: Omit<GuardContext, 'signal'>,
  limits: { timeoutMs: number; failMode: FailMode; signal: AbortSignal },
): Promise<GuardRun> {
  const failMode = guard.failMode ?? limits.failMode;
  const timeoutMs = guard.timeoutMs ?? limits.timeoutMs;
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(limits.signal.reason);
  if (limits.signal.aborted) onParentAbort();
  else limits.signal.addEventListener('abort', onParentAbort, { once: true });

  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new GuardTimeoutError(guard.name, timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    const pending = Promise.resolve().then(() => guard.check(text, { ...ctx, signal: controller.signal }));
    const raw = await Promise.race([pending, timeout]);
    if (!Array.isArray(raw)) throw new TypeError('did not return an array of findings');
    const findings = raw.map((f) => sanitiseFinding(guard, f, text.length));
    return { guard, findings, failMode };
  } catch (cause) {
    const error = cause instanceof GuardTimeoutError ? cause : new GuardFailedError(guard.name, cause);
    return { guard, findings: failMode === 'closed' ? [failureFinding(guard, error)] : [], error, failMode };
  } finally {
    clearTimeout(timer);
    limits.signal.removeEventListener('abort', onParentAbort);
  }
}
