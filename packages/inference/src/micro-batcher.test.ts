import { describe, expect, it } from 'vitest';
import { MicroBatcher } from './micro-batcher.js';
import { tokenWindows } from './windows.js';

describe('MicroBatcher', () => {
  it('batches items submitted in the same tick into one run', async () => {
    const runs: number[][] = [];
    const batcher = new MicroBatcher<number, number>(async (items) => {
      runs.push(items);
      return items.map((i) => i * 2);
    });
    const results = await Promise.all([1, 2, 3].map((i) => batcher.submit(i)));
    expect(results).toEqual([2, 4, 6]);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it('splits at maxBatch and rejects every item of a failed run', async () => {
    const runs: number[][] = [];
    const batcher = new MicroBatcher<number, number>(async (items) => {
      runs.push(items);
      if (items.includes(3)) throw new Error('bad batch');
      return items;
    }, 2);
    const results = await Promise.allSettled([1, 2, 3, 4].map((i) => batcher.submit(i)));
    expect(runs).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
  });
});

describe('tokenWindows', () => {
  it('keeps short lists whole and covers long ones with overlapping windows', () => {
    expect(tokenWindows([1, 2, 3], 4, 2)).toEqual([[1, 2, 3]]);
    const tokens = Array.from({ length: 10 }, (_, i) => i);
    const windows = tokenWindows(tokens, 4, 3);
    expect(windows).toEqual([
      [0, 1, 2, 3],
      [3, 4, 5, 6],
      [6, 7, 8, 9],
    ]);
    expect(new Set(windows.flat())).toEqual(new Set(tokens));
  });
});

describe('MicroBatcher under load', () => {
  it('queues items arriving during a run into the next batch', async () => {
    const runs: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const batcher = new MicroBatcher<number, number>(async (items) => {
      runs.push(items);
      if (runs.length === 1) await gate;
      return items;
    });
    const first = batcher.submit(1);
    await Promise.resolve();
    await Promise.resolve();
    const later = [batcher.submit(2), batcher.submit(3)];
    release();
    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3]);
    expect(runs).toEqual([[1], [2, 3]]);
  });
});
