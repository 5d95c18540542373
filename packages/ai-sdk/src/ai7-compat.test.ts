import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { createGuardChain, denylistGuard, piiGuard } from '@rampart/core';
import { generateText, type LanguageModelMiddleware, streamText, wrapLanguageModel } from 'ai7';
import { MockLanguageModelV3 } from 'ai7/test';
import { describe, expect, it } from 'vitest';
import { rampartMiddleware } from './middleware.js';

// ai 7 (installed here as "ai7") keeps accepting LanguageModelV3 middleware in wrapLanguageModel.
const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 1, text: 1, reasoning: 0 },
};
// ai 7 types its middleware parameter with LanguageModelV4 shapes while accepting V3 middleware at
// run time, so TypeScript users of ai 7 cast once (documented in docs/ai-sdk.md).
const v3 = (m: ReturnType<typeof rampartMiddleware>) => m as unknown as LanguageModelMiddleware;
const chain = () => createGuardChain({ guards: [piiGuard(), denylistGuard({ terms: ['detonator'] })] });

describe('rampartMiddleware with ai 7', () => {
  it('redacts generated text through generateText', async () => {
    const model = new MockLanguageModelV3({
      doGenerate: async () => ({
        content: [{ type: 'text', text: 'Mail me at a@b.io' }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage,
        warnings: [],
      }),
    });
    const result = await generateText({
      model: wrapLanguageModel({ model, middleware: v3(rampartMiddleware({ chain: chain() })) }),
      prompt: 'hi',
    });
    expect(result.text).toBe('Mail me at [EMAIL]');
  });

  it('never streams blocked text through streamText', async () => {
    const deltas = ['Now take the ', 'deto', 'nator and ', 'wire it up.'];
    const parts: LanguageModelV3StreamPart[] = [
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: 't' },
      ...deltas.map((delta) => ({ type: 'text-delta' as const, id: 't', delta })),
      { type: 'text-end', id: 't' },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
    ];
    const model = new MockLanguageModelV3({
      doStream: async () => ({
        stream: new ReadableStream({
          start(controller) {
            for (const p of parts) controller.enqueue(p);
            controller.close();
          },
        }),
      }),
    });
    const result = streamText({
      model: wrapLanguageModel({
        model,
        middleware: v3(rampartMiddleware({ chain: chain(), windowChars: 4 })),
      }),
      prompt: 'go',
    });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).not.toContain('detonator');
    expect(text).toContain("Sorry, I can't help with that.");
  });
});
