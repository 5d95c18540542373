import type { LanguageModelV3Middleware, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import {
  createGuardChain,
  denylistGuard,
  type Guard,
  GuardrailViolationError,
  piiGuard,
} from '@rampart/core';
import { generateText, jsonSchema, streamText, tool, wrapLanguageModel } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { rampartMiddleware } from './middleware.js';

const usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};
const stop = { unified: 'stop' as const, raw: 'stop' };

const chain = (extra: Guard[] = []) =>
  createGuardChain({
    guards: [
      piiGuard(),
      denylistGuard({ terms: ['detonator', 'drop table'], category: 'violence' }),
      ...extra,
    ],
  });

function generating(text: string, toolCalls: Array<{ toolName: string; input: string }> = []) {
  return new MockLanguageModelV3({
    doGenerate: async () => ({
      content: [
        { type: 'text' as const, text },
        ...toolCalls.map((c, i) => ({
          type: 'tool-call' as const,
          toolCallId: `call-${i}`,
          toolName: c.toolName,
          input: c.input,
        })),
      ],
      finishReason: toolCalls.length ? { unified: 'tool-calls' as const, raw: 'tool_calls' } : stop,
      usage,
      warnings: [],
    }),
  });
}

function streaming(chunks: string[], toolCall?: { toolName: string; input: string }) {
  const parts: LanguageModelV3StreamPart[] = [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't1' },
    ...chunks.map((delta) => ({ type: 'text-delta' as const, id: 't1', delta })),
    { type: 'text-end', id: 't1' },
  ];
  if (toolCall) {
    parts.push(
      { type: 'tool-input-start', id: 'c1', toolName: toolCall.toolName },
      { type: 'tool-input-delta', id: 'c1', delta: toolCall.input },
      { type: 'tool-input-end', id: 'c1' },
      { type: 'tool-call', toolCallId: 'c1', toolName: toolCall.toolName, input: toolCall.input },
    );
  }
  parts.push({
    type: 'finish',
    finishReason: toolCall ? { unified: 'tool-calls', raw: 'tool_calls' } : stop,
    usage,
  });
  let pulled = 0;
  const model = new MockLanguageModelV3({
    doStream: async () => ({
      stream: new ReadableStream<LanguageModelV3StreamPart>({
        pull(controller) {
          const next = parts[pulled++];
          if (next) controller.enqueue(next);
          else controller.close();
        },
      }),
    }),
  });
  return { model, pulled: () => pulled, total: parts.length };
}

const guarded = (
  model: MockLanguageModelV3,
  middleware: LanguageModelV3Middleware | LanguageModelV3Middleware[],
) => wrapLanguageModel({ model, middleware });

describe('rampartMiddleware with generateText', () => {
  it('passes a clean answer and reports the decisions in providerMetadata', async () => {
    const result = await generateText({
      model: guarded(generating('Paris.'), rampartMiddleware({ chain: chain() })),
      prompt: 'Capital of France?',
    });
    expect(result.text).toBe('Paris.');
    expect(result.providerMetadata?.rampart).toMatchObject({
      input: { action: 'allow' },
      output: { action: 'allow' },
    });
  });

  it('throws GuardrailViolationError for a blocked prompt, without calling the model', async () => {
    const model = generating('never');
    const error = await generateText({
      model: guarded(model, rampartMiddleware({ chain: chain() })),
      prompt: 'where is the detonator',
      maxRetries: 0,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuardrailViolationError);
    expect((error as GuardrailViolationError).decision.categories).toEqual(['violence']);
    expect(model.doGenerateCalls).toHaveLength(0);
  });

  it('answers with the refusal instead when onInputBlock is "refuse"', async () => {
    const model = generating('never');
    const result = await generateText({
      model: guarded(model, rampartMiddleware({ chain: chain(), onInputBlock: 'refuse' })),
      prompt: 'where is the detonator',
    });
    expect(result.text).toBe("Sorry, I can't help with that.");
    expect(result.finishReason).toBe('content-filter');
    expect(model.doGenerateCalls).toHaveLength(0);
    expect(result.providerMetadata?.rampart).toMatchObject({
      input: { action: 'block', categories: ['violence'] },
    });
  });

  it('redacts PII in the prompt before the model sees it', async () => {
    const model = generating('ok');
    await generateText({
      model: guarded(model, rampartMiddleware({ chain: chain() })),
      prompt: 'my mail is a@b.io',
    });
    const sent = model.doGenerateCalls[0]!.prompt.at(-1)!;
    expect(sent.content).toEqual([expect.objectContaining({ type: 'text', text: 'my mail is [EMAIL]' })]);
  });

  it('redacts or replaces generated text per policy', async () => {
    const redacted = await generateText({
      model: guarded(generating('Call +1 (415) 555-0132.'), rampartMiddleware({ chain: chain() })),
      prompt: 'number?',
    });
    expect(redacted.text).toBe('Call [PHONE].');
    const blocked = await generateText({
      model: guarded(generating('Wire the detonator.'), rampartMiddleware({ chain: chain() })),
      prompt: 'how?',
    });
    expect(blocked.text).toBe("Sorry, I can't help with that.");
    expect(blocked.finishReason).toBe('content-filter');
  });

  it('drops a blocked tool call before the tool executes', async () => {
    const execute = vi.fn(async () => 'done');
    const result = await generateText({
      model: guarded(
        generating('Running it.', [{ toolName: 'sql', input: '{"query":"DROP TABLE users"}' }]),
        rampartMiddleware({ chain: chain() }),
      ),
      prompt: 'clean the db',
      tools: {
        sql: tool({
          description: 'run sql',
          inputSchema: jsonSchema<{ query: string }>({
            type: 'object',
            properties: { query: { type: 'string' } },
          }),
          execute,
        }),
      },
    });
    expect(execute).not.toHaveBeenCalled();
    expect(result.toolCalls).toHaveLength(0);
    expect(result.finishReason).toBe('content-filter');
    const meta = result.providerMetadata?.rampart as { toolCalls: Array<{ decision: { action: string } }> };
    expect(meta.toolCalls[0]!.decision.action).toBe('block');
  });

  it('composes with other middlewares in wrapLanguageModel', async () => {
    const shout: LanguageModelV3Middleware = {
      specificationVersion: 'v3',
      wrapGenerate: async ({ doGenerate }) => {
        const r = await doGenerate();
        return {
          ...r,
          content: r.content.map((p) => (p.type === 'text' ? { ...p, text: p.text.toUpperCase() } : p)),
        };
      },
    };
    // Outer shout, inner Rampart: Rampart checks what the model said, shout transforms what passed.
    const result = await generateText({
      model: guarded(generating('mail x@y.io'), [shout, rampartMiddleware({ chain: chain() })]),
      prompt: 'hi',
    });
    expect(result.text).toBe('MAIL [EMAIL]');
  });

  it('follows the fail mode of a failing guard', async () => {
    const broken: Guard = {
      name: 'broken',
      stages: ['input'],
      check: () => Promise.reject(new Error('down')),
    };
    await expect(
      generateText({
        model: guarded(generating('x'), rampartMiddleware({ chain: chain([broken]) })),
        prompt: 'hello',
        maxRetries: 0,
      }),
    ).rejects.toBeInstanceOf(GuardrailViolationError);
    const open = createGuardChain({ guards: [broken], failMode: 'open' });
    const result = await generateText({
      model: guarded(generating('fine'), rampartMiddleware({ chain: open })),
      prompt: 'hello',
    });
    expect(result.text).toBe('fine');
  });
});

describe('rampartMiddleware with streamText', () => {
  async function run(
    model: MockLanguageModelV3,
    opts: Partial<Parameters<typeof rampartMiddleware>[0]> = {},
  ) {
    const result = streamText({
      model: guarded(model, rampartMiddleware({ chain: chain(), ...opts })),
      prompt: 'tell me',
    });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    return { text, finishReason: await result.finishReason, providerMetadata: await result.providerMetadata };
  }

  it('never streams blocked text, whatever the chunking (property)', async () => {
    const answer =
      'Sure thing. First you prepare the casing, then you connect the detonator to the battery and hide it.';
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 4, max: 120 }),
        async (sizes, windowChars) => {
          const chunks: string[] = [];
          for (let i = 0, k = 0; i < answer.length; k++) {
            const size = sizes[k % sizes.length]!;
            chunks.push(answer.slice(i, i + size));
            i += size;
          }
          const { model, pulled, total } = streaming(chunks);
          const { text, finishReason, providerMetadata } = await run(model, {
            windowChars,
            holdBackChars: 12,
          });
          expect(text).not.toContain('detonator');
          expect(text.endsWith("Sorry, I can't help with that.")).toBe(true);
          expect(finishReason).toBe('content-filter');
          expect(providerMetadata?.rampart).toMatchObject({ output: { action: 'block' } });
          expect(pulled()).toBeLessThanOrEqual(total);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('streams a clean answer intact and redacts PII inside the stream', async () => {
    const clean = await run(streaming(['The garden ', 'needs sun ', 'and water.']).model, { windowChars: 6 });
    expect(clean.text).toBe('The garden needs sun and water.');
    expect(clean.finishReason).toBe('stop');
    const pii = await run(streaming(['Reach me at jo', 'hn@exam', 'ple.com today.']).model, {
      windowChars: 4,
      holdBackChars: 4,
    });
    expect(pii.text).toBe('Reach me at [EMAIL] today.');
  });

  it('holds tool input until the call passes, and drops a blocked call', async () => {
    const model = streaming(['Cleaning up.'], {
      toolName: 'sql',
      input: '{"query":"drop table users"}',
    }).model;
    const result = streamText({
      model: guarded(model, rampartMiddleware({ chain: chain() })),
      prompt: 'clean',
    });
    const types: string[] = [];
    for await (const part of result.fullStream) types.push(part.type);
    expect(types).not.toContain('tool-call');
    expect(types).not.toContain('tool-input-delta');
    expect(await result.finishReason).toBe('content-filter');
    const ok = streaming(['Looking.'], { toolName: 'sql', input: '{"query":"select 1"}' }).model;
    const passed = streamText({ model: guarded(ok, rampartMiddleware({ chain: chain() })), prompt: 'q' });
    const okTypes: string[] = [];
    for await (const part of passed.fullStream) okTypes.push(part.type);
    expect(okTypes).toContain('tool-call');
  });

  it('refuses a blocked prompt in a stream without calling the model', async () => {
    const { model } = streaming(['never']);
    const result = streamText({
      model: guarded(model, rampartMiddleware({ chain: chain(), onInputBlock: 'refuse' })),
      prompt: 'the detonator?',
    });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe("Sorry, I can't help with that.");
    expect(model.doStreamCalls).toHaveLength(0);
  });
});
