import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createGuardChain } from '../chain/guard-chain.js';
import { denylistGuard } from '../guards/denylist-guard.js';
import { piiGuard } from '../guards/pii-guard.js';
import { chooseCutPoint } from './cut-point.js';
import { guardTextStream } from './guard-text-stream.js';
import { createGuardTransformStream } from './guard-transform-stream.js';
import { createStreamGuard } from './stream-guard.js';

const chainWith = (...terms: string[]) => createGuardChain({ guards: [denylistGuard({ terms })] });

async function* fromChunks(chunks: string[]): AsyncGenerator<string> {
  for (const c of chunks) yield c;
}

function readableOf(chunks: string[]): ReadableStream<string> {
  return new ReadableStream<string>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
}

/** Splits text at the given cut positions (sorted, deduplicated). */
function chunkAt(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let last = 0;
  for (const p of [...points, text.length]) {
    if (p > last) chunks.push(text.slice(last, p));
    last = Math.max(last, p);
  }
  return chunks;
}

async function collect(stream: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const t of stream) out.push(t);
  return out;
}

describe('stream guard', () => {
  it('releases no text until a window has passed the guards', async () => {
    const guard = createStreamGuard({ chain: chainWith('forbidden'), windowChars: 40, holdBackChars: 10 });
    expect((await guard.push('Short opening words. ')).text).toBe('');
    expect(guard.releasedChars).toBe(0);
    const step = await guard.push('More words arrive here, enough to fill a window now.');
    expect(step.text.length).toBeGreaterThan(0);
    expect(guard.heldChars).toBeGreaterThanOrEqual(10);
    const final = await guard.finish();
    expect(step.text + final.text).toBe(
      'Short opening words. More words arrive here, enough to fill a window now.',
    );
    expect(final.decision.action).toBe('allow');
  });

  it('cuts at sentence, then word boundaries', () => {
    expect(chooseCutPoint('One. Two three four', 12)).toBe(5);
    expect(chooseCutPoint('alpha beta gamma', 12)).toBe(11);
    expect(chooseCutPoint('abcdefghij', 4)).toBe(4);
    expect(chooseCutPoint('ab\uD83D\uDE00cd', 3)).toBe(2);
  });

  it('on a block emits the replacement, stops, and reports the decision', async () => {
    const chain = chainWith('detonator');
    const blocked = vi.fn();
    chain.events.on('blocked', blocked);
    const text = `${'Safe intro sentence. '.repeat(20)}Now wire the detonator to the charge. ${'More. '.repeat(20)}`;
    const guarded = guardTextStream(fromChunks(text.match(/.{1,7}/gs)!), { chain });
    const out = await collect(guarded);
    const decision = await guarded.decision;
    expect(decision.action).toBe('block');
    expect(out.at(-1)).toBe(chain.policy.refusalMessage);
    expect(out.join('')).not.toContain('detonator');
    expect(blocked).toHaveBeenCalled();
  });

  it('stops pulling from the source after a block', async () => {
    let pulled = 0;
    async function* source() {
      yield 'bad word: detonator. ';
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield 'filler text that keeps coming. ';
      }
    }
    const guarded = guardTextStream(source(), { chain: chainWith('detonator'), windowChars: 16 });
    await collect(guarded);
    expect(pulled).toBeLessThan(5);
  });

  it('never releases a blocked term, whatever the chunking (property)', async () => {
    const term = 'detonator';
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 300 }),
        fc.string({ maxLength: 300 }),
        fc.array(fc.nat(700), { maxLength: 60 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 9, max: 64 }),
        async (before, after, cuts, windowChars, holdBackChars) => {
          const text = `${before} ${term} ${after}`;
          const guarded = guardTextStream(fromChunks(chunkAt(text, cuts)), {
            chain: chainWith(term),
            windowChars,
            holdBackChars,
          });
          const released = (await collect(guarded)).join('');
          expect(released.toLowerCase()).not.toContain(term);
          expect((await guarded.decision).allowed).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('passes clean text through unchanged, whatever the chunking (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 500 }),
        fc.array(fc.nat(600), { maxLength: 40 }),
        async (text, cuts) => {
          const guarded = guardTextStream(fromChunks(chunkAt(text, cuts)), {
            chain: chainWith('zzzzqqqq'),
            windowChars: 32,
          });
          expect((await collect(guarded)).join('')).toBe(text);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('redacts PII in the stream without releasing any part of it', async () => {
    const chain = createGuardChain({ guards: [piiGuard()] });
    const text = 'Sure, contact the author at jane.roe@example.org for details. Thanks for asking!';
    for (const size of [1, 3, 7, 20]) {
      const guarded = guardTextStream(fromChunks(text.match(new RegExp(`.{1,${size}}`, 'gs'))!), {
        chain,
        windowChars: 10,
        holdBackChars: 4,
      });
      const released = (await collect(guarded)).join('');
      expect(released).toBe('Sure, contact the author at [EMAIL] for details. Thanks for asking!');
    }
  });

  it('works as a TransformStream over a ReadableStream', async () => {
    const decisions: string[] = [];
    const source = readableOf(['Hello ', 'there, ', 'this is ', 'the detonator ', 'part.']);
    const out = source.pipeThrough(
      createGuardTransformStream({
        chain: chainWith('detonator'),
        windowChars: 8,
        onDecision: (d) => decisions.push(d.action),
      }),
    );
    const chunks: string[] = [];
    for await (const c of out as unknown as AsyncIterable<string>) chunks.push(c);
    expect(chunks.join('')).not.toContain('detonator');
    expect(decisions).toEqual(['block']);
  });

  it('accepts a ReadableStream source in guardTextStream', async () => {
    const guarded = guardTextStream(readableOf(['a clean ', 'answer']), {
      chain: chainWith('detonator'),
    });
    expect((await collect(guarded)).join('')).toBe('a clean answer');
    expect((await guarded.decision).action).toBe('allow');
  });

  it('emits streamReleased with the released text', async () => {
    const chain = chainWith('detonator');
    const released: string[] = [];
    chain.events.on('streamReleased', (e) => released.push(e.text));
    await collect(
      guardTextStream(fromChunks(['one two three four five six ', 'seven eight']), {
        chain,
        windowChars: 5,
        holdBackChars: 2,
      }),
    );
    expect(released.join('')).toBe('one two three four five six seven eight');
  });

  it('checks only the held text when contextChars is 0', async () => {
    const seen: number[] = [];
    const chain = createGuardChain({
      guards: [
        {
          name: 'length',
          stages: ['output'],
          check: (text) => {
            seen.push(text.length);
            return [];
          },
        },
      ],
    });
    const guard = createStreamGuard({ chain, windowChars: 10, holdBackChars: 2, contextChars: 0 });
    for (let i = 0; i < 20; i++) await guard.push('word ');
    await guard.finish();
    // Every window check sees at most window + hold-back + one delta; only the final check sees all.
    expect(Math.max(...seen.slice(0, -1))).toBeLessThanOrEqual(10 + 2 + 5);
    expect(seen.at(-1)).toBe(100);
  });

  it('rejects bad window options with the field name', () => {
    expect(() => createStreamGuard({ chain: chainWith('x'), windowChars: 0 })).toThrow(/windowChars/);
    expect(() => createStreamGuard({ chain: chainWith('x'), holdBackChars: -1 })).toThrow(/holdBackChars/);
  });

  it('propagates a source error to the consumer and the decision', async () => {
    async function* failing() {
      yield 'partial ';
      throw new Error('upstream broke');
    }
    const guarded = guardTextStream(failing(), { chain: chainWith('x') });
    await expect(collect(guarded)).rejects.toThrow('upstream broke');
    await expect(guarded.decision).rejects.toThrow('upstream broke');
  });
});
