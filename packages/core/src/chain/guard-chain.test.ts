import { describe, expect, it, vi } from 'vitest';
import { ConfigValidationError } from '../errors.js';
import type { Finding, Guard, Stage } from '../guard.js';
import { denylistGuard } from '../guards/denylist-guard.js';
import { piiGuard } from '../guards/pii-guard.js';
import { createGuardChain } from './guard-chain.js';

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

function fixedGuard(name: string, findings: Omit<Finding, 'guard'>[], opts: Partial<Guard> = {}): Guard {
  return {
    name,
    stages: ['input', 'output', 'tool'],
    check: () => findings.map((f) => ({ guard: name, ...f })),
    ...opts,
  };
}

const harmful = (severity: Finding['severity'], category = 'violence') => ({
  category,
  severity,
  score: 0.9,
  message: `${category} ${severity}`,
});

describe('GuardChain', () => {
  it('allows clean text with an empty decision', async () => {
    const chain = createGuardChain({ guards: [fixedGuard('noop', [])] });
    const d = await chain.check('input', 'hello');
    expect(d).toMatchObject({
      action: 'allow',
      allowed: true,
      text: 'hello',
      severity: 'none',
      categories: [],
    });
    expect(d.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('takes the strongest action and the highest severity across findings', async () => {
    const chain = createGuardChain({
      guards: [fixedGuard('a', [harmful('minor', 'drugs')]), fixedGuard('b', [harmful('severe')])],
    });
    const d = await chain.check('output', 'x');
    expect(d.action).toBe('block');
    expect(d.allowed).toBe(false);
    expect(d.severity).toBe('severe');
    expect(d.replacement).toBe(chain.policy.refusalMessage);
    expect(d.categories).toContain('violence');
  });

  it('short-circuits parallel guards on block and aborts the slow ones', async () => {
    let aborted = false;
    const slow: Guard = {
      name: 'slow',
      stages: ['input'],
      async check(_text, ctx) {
        ctx.signal.addEventListener('abort', () => {
          aborted = true;
        });
        await sleep(5_000, ctx.signal);
        return [];
      },
    };
    const chain = createGuardChain({ guards: [slow, fixedGuard('fast', [harmful('severe')])] });
    const started = performance.now();
    const d = await chain.check('input', 'x');
    expect(d.action).toBe('block');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(aborted).toBe(true);
  });

  it('settles when the caller aborts, failing the aborted guards closed', async () => {
    const slow: Guard = {
      name: 'slow',
      stages: ['input'],
      check: async (_text, ctx) => {
        await sleep(5_000, ctx.signal);
        return [];
      },
    };
    const chain = createGuardChain({ guards: [slow, fixedGuard('quick', [])] });
    const caller = new AbortController();
    setTimeout(() => caller.abort(new Error('client went away')), 20);
    const d = await chain.check('input', 'x', { signal: caller.signal });
    expect(d.action).toBe('block');
    expect(d.findings.map((f) => f.category)).toEqual(['guard_failure']);
  });

  it('runs sequentially in order and stops at the first block', async () => {
    const calls: string[] = [];
    const track = (name: string, findings: Omit<Finding, 'guard'>[]): Guard => ({
      name,
      stages: ['input'],
      check: () => {
        calls.push(name);
        return findings.map((f) => ({ guard: name, ...f }));
      },
    });
    const chain = createGuardChain({
      mode: 'sequential',
      guards: [track('first', []), track('second', [harmful('severe')]), track('third', [])],
    });
    expect((await chain.check('input', 'x')).action).toBe('block');
    expect(calls).toEqual(['first', 'second']);
  });

  it('runs only the guards registered for the stage', async () => {
    const chain = createGuardChain({
      guards: [fixedGuard('input-only', [harmful('severe')], { stages: ['input'] })],
    });
    expect((await chain.check('output', 'x')).action).toBe('allow');
    expect((await chain.check('input', 'x')).action).toBe('block');
  });

  it('fails closed by default: a throwing guard blocks and emits guardError', async () => {
    const chain = createGuardChain({
      guards: [{ name: 'broken', stages: ['input'], check: () => Promise.reject(new Error('model down')) }],
    });
    const errors = vi.fn();
    chain.events.on('guardError', errors);
    const d = await chain.check('input', 'x');
    expect(d.action).toBe('block');
    expect(d.findings[0]).toMatchObject({ guard: 'broken', category: 'guard_failure' });
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ guard: 'broken', failMode: 'closed' }));
  });

  it('fails open when configured: the text passes and the error is reported', async () => {
    const chain = createGuardChain({
      failMode: 'open',
      guards: [{ name: 'broken', stages: ['input'], check: () => Promise.reject(new Error('boom')) }],
    });
    const errors = vi.fn();
    chain.events.on('guardError', errors);
    const d = await chain.check('input', 'x');
    expect(d.action).toBe('allow');
    expect(errors).toHaveBeenCalledOnce();
  });

  it('treats a guard that returns garbage as a failure', async () => {
    const chain = createGuardChain({
      guards: [{ name: 'garbage', stages: ['input'], check: () => 'nope' as unknown as Finding[] }],
    });
    expect((await chain.check('input', 'x')).action).toBe('block');
  });

  it('times out slow guards per guard, following each guard fail mode', async () => {
    const slow = (name: string, failMode: 'open' | 'closed'): Guard => ({
      name,
      stages: ['input'],
      timeoutMs: 20,
      failMode,
      check: async (_t, ctx) => {
        await sleep(1_000, ctx.signal);
        return [];
      },
    });
    const timeouts = vi.fn();
    const closed = createGuardChain({ guards: [slow('slow-closed', 'closed')] });
    closed.events.on('guardTimeout', timeouts);
    const d = await closed.check('input', 'x');
    expect(d.action).toBe('block');
    expect(d.findings[0]?.message).toContain('timed out');
    expect(timeouts).toHaveBeenCalledWith(expect.objectContaining({ guard: 'slow-closed' }));
    const open = createGuardChain({ guards: [slow('slow-open', 'open')] });
    expect((await open.check('input', 'x')).action).toBe('allow');
  });

  it('redacts spans inside chat messages and keeps non-text parts', async () => {
    const chain = createGuardChain({ guards: [piiGuard()] });
    const messages = [
      { role: 'system', content: 'You are helpful.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Mail bob@example.com please' },
          { type: 'image', url: 'https://x/y.png' },
        ],
      },
    ];
    const d = await chain.check('input', messages, { roles: ['user'] });
    expect(d.action).toBe('redact');
    expect(d.text).toBe('Mail [EMAIL] please');
    expect(d.messages?.[0]).toEqual(messages[0]);
    expect(d.messages?.[1]?.content).toEqual([
      { type: 'text', text: 'Mail [EMAIL] please' },
      { type: 'image', url: 'https://x/y.png' },
    ]);
    // The caller's input is never mutated.
    expect((messages[1]!.content as { text?: string }[])[0]!.text).toBe('Mail bob@example.com please');
  });

  it('falls back to block when the policy redacts a finding without a span', async () => {
    const chain = createGuardChain({
      guards: [fixedGuard('model', [harmful('moderate', 'privacy_violation')])],
      policy: { categories: { privacy_violation: { moderate: 'redact' } } },
    });
    expect((await chain.check('output', 'x')).action).toBe('block');
  });

  it('maps replace and escalate to their policy messages and events', async () => {
    const chain = createGuardChain({
      guards: [fixedGuard('model', [harmful('moderate', 'drugs')])],
      policy: { categories: { drugs: { moderate: 'escalate' } }, escalationMessage: 'Held for review.' },
    });
    const escalated = vi.fn();
    chain.events.on('escalated', escalated);
    const d = await chain.check('output', 'x');
    expect(d).toMatchObject({ action: 'escalate', allowed: false, replacement: 'Held for review.' });
    expect(escalated).toHaveBeenCalledOnce();
    const replacing = createGuardChain({
      guards: [fixedGuard('model', [harmful('moderate', 'drugs')])],
      policy: { categories: { drugs: { moderate: 'replace' } } },
    });
    expect((await replacing.check('output', 'x')).replacement).toBe(replacing.policy.replacementMessage);
  });

  it('emits decision, finding, blocked and redacted events', async () => {
    const chain = createGuardChain({ guards: [piiGuard(), denylistGuard({ terms: ['forbidden'] })] });
    const seen: string[] = [];
    for (const name of ['decision', 'finding', 'blocked', 'redacted'] as const) {
      chain.events.on(name, () => seen.push(name));
    }
    await chain.check('input', 'a@b.co');
    await chain.check('input', 'the forbidden word');
    expect(seen).toEqual(['finding', 'redacted', 'decision', 'finding', 'blocked', 'decision']);
  });

  it('serves repeated checks from the cache, keyed by stage and text', async () => {
    const check = vi.fn(() => [] as Finding[]);
    const chain = createGuardChain({
      cache: true,
      guards: [{ name: 'counted', stages: ['input', 'output'], check }],
    });
    expect((await chain.check('input', 'same')).cached).toBe(false);
    expect((await chain.check('input', 'same')).cached).toBe(true);
    await chain.check('output', 'same');
    await chain.check('input', 'other');
    expect(check).toHaveBeenCalledTimes(3);
  });

  it('does not cache guard failures', async () => {
    let calls = 0;
    const chain = createGuardChain({
      cache: true,
      guards: [
        {
          name: 'flaky',
          stages: ['input'],
          check: () => (calls++ === 0 ? Promise.reject(new Error('x')) : []),
        },
      ],
    });
    expect((await chain.check('input', 't')).action).toBe('block');
    expect((await chain.check('input', 't')).action).toBe('allow');
  });

  it('rejects malformed guard lists with the path of the bad field', () => {
    const bad = { name: '', stages: ['input'] as Stage[], check: () => [] };
    expect(() => createGuardChain({ guards: [bad] })).toThrow(ConfigValidationError);
    expect(() => createGuardChain({ guards: [fixedGuard('a', []), fixedGuard('a', [])] })).toThrow(
      /guards\.1\.name/,
    );
    expect(() => createGuardChain({ guards: [], policy: { defaults: { minor: 'zap' } } as never })).toThrow(
      /defaults\.minor/,
    );
  });

  it('clamps out-of-range scores and spans returned by guards', async () => {
    const chain = createGuardChain({
      guards: [
        fixedGuard('sloppy', [
          {
            category: 'pii',
            severity: 'minor',
            score: 7,
            span: { start: -5, end: 999 },
            replacement: '#',
            message: '',
          },
        ]),
      ],
    });
    const d = await chain.check('input', 'abc');
    expect(d.findings[0]?.score).toBe(1);
    expect(d.findings[0]?.span).toEqual({ start: 0, end: 3 });
    expect(d.text).toBe('#');
  });
});

describe('summarizeDecision', () => {
  it('keeps what acted and drops text and spans', async () => {
    const { summarizeDecision } = await import('./decision-summary.js');
    const chain = createGuardChain({ guards: [piiGuard()] });
    const summary = summarizeDecision(await chain.check('output', 'mail x@y.io'));
    expect(summary).toMatchObject({ action: 'redact', allowed: true, categories: ['pii'] });
    expect(summary.findings[0]).toEqual({
      guard: 'pii',
      category: 'pii',
      severity: 'minor',
      score: 1,
      action: 'redact',
    });
    expect(JSON.stringify(summary)).not.toContain('x@y.io');
  });
});
