import { type AIMessage, AIMessageChunk, type BaseMessage, HumanMessage } from '@langchain/core/messages';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { RunnableLambda } from '@langchain/core/runnables';
import { createGuardChain, denylistGuard, GuardrailViolationError, piiGuard } from '@rampart/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardRunnable } from './guard-runnable.js';
import { contentText } from './message-text.js';
import { ScriptedChatModel } from './testing/scripted-chat-model.js';

const chain = () => createGuardChain({ guards: [piiGuard(), denylistGuard({ terms: ['detonator'] })] });

describe('guardRunnable', () => {
  it('guards invoke on an LCEL chain (prompt | model)', async () => {
    const prompt = ChatPromptTemplate.fromMessages([['human', '{question}']]);
    const model = new ScriptedChatModel([{ content: 'Write to help@shop.example for help.' }]);
    const guarded = guardRunnable(prompt.pipe(model), { chain: chain() });
    const answer = (await guarded.invoke({ question: 'Who do I contact?' })) as AIMessage;
    expect(contentText(answer.content)).toBe('Write to [EMAIL] for help.');
    expect(answer.response_metadata.rampart).toMatchObject({ action: 'redact' });
  });

  it('throws a typed GuardrailViolationError for a blocked input, without running the model', async () => {
    const model = new ScriptedChatModel([{ content: 'x' }]);
    const guarded = guardRunnable(model, { chain: chain() });
    const error = await guarded
      .invoke([new HumanMessage('where is the detonator?')])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuardrailViolationError);
    expect((error as GuardrailViolationError).decision.categories).toEqual(['denylist']);
    expect(model.calls).toBe(0);
  });

  it('replaces a blocked string output with the refusal', async () => {
    const guarded = guardRunnable(
      RunnableLambda.from(async (q: string) => `About ${q}: connect the detonator.`),
      { chain: chain() },
    );
    expect(await guarded.invoke('wiring')).toBe("Sorry, I can't help with that.");
  });

  it('guards every item of batch', async () => {
    const guarded = guardRunnable(
      RunnableLambda.from(async (q: string) => (q === 'a' ? 'mail me: a@b.io' : 'plain answer')),
      { chain: chain() },
    );
    expect(await guarded.batch(['a', 'b'])).toEqual(['mail me: [EMAIL]', 'plain answer']);
  });

  it('streams chat chunks through the hold-back window without leaking blocked text (property)', async () => {
    const text =
      'Here is the plan. Step one is easy. Step two: attach the detonator carefully. Step three follows.';
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 25 }), { minLength: 1, maxLength: 6 }),
        async (sizes) => {
          const model = new ScriptedChatModel([{ content: text }], { chunkSizes: sizes });
          const guarded = guardRunnable(model, { chain: chain(), windowChars: 16, holdBackChars: 10 });
          let out = '';
          for await (const chunk of await guarded.stream([new HumanMessage('plan?')])) {
            expect(chunk).toBeInstanceOf(AIMessageChunk);
            out += contentText((chunk as BaseMessage).content);
          }
          expect(out).not.toContain('detonator');
          expect(out.endsWith("Sorry, I can't help with that.")).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('streams strings and passes clean text intact', async () => {
    const guarded = guardRunnable(
      RunnableLambda.from(async function* (_: string) {
        for (const piece of ['The garden ', 'needs water ', 'and sun.']) yield piece;
      }),
      { chain: chain(), windowChars: 8 },
    );
    const pieces: string[] = [];
    for await (const chunk of await guarded.stream('tips')) pieces.push(String(chunk));
    expect(pieces.join('')).toBe('The garden needs water and sun.');
  });

  it('emits decisions as custom events in streamEvents', async () => {
    const guarded = guardRunnable(new ScriptedChatModel([{ content: 'ok' }]), { chain: chain() });
    const names: string[] = [];
    for await (const e of guarded.streamEvents([new HumanMessage('hi')], { version: 'v2' })) {
      if (e.event === 'on_custom_event') names.push(e.name);
    }
    expect(names.filter((n) => n === 'rampart_decision').length).toBeGreaterThanOrEqual(2);
  });
});
