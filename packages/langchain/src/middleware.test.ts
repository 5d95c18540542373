import { type AIMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { createGuardChain, denylistGuard, type Guard, injectionGuard, piiGuard } from '@rampart/core';
import fc from 'fast-check';
import { createAgent } from 'langchain';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { guardMessageStream, type MessageStreamItem } from './guard-message-stream.js';
import { contentText } from './message-text.js';
import { rampartMiddleware } from './middleware.js';
import { ScriptedChatModel, type ScriptedTurn } from './testing/scripted-chat-model.js';

const chain = () =>
  createGuardChain({
    guards: [
      piiGuard(),
      injectionGuard({ stages: ['input', 'tool'] }),
      denylistGuard({ terms: ['detonator', 'wire transfer to offshore'], category: 'violence' }),
    ],
  });

function agentWith(
  script: ScriptedTurn[],
  opts: { chunkSizes?: number[]; guards?: Guard[]; failMode?: 'open' | 'closed' } = {},
) {
  const model = new ScriptedChatModel(script, { chunkSizes: opts.chunkSizes ?? [3] });
  const lookup = vi.fn(
    async ({ name }: { name: string }) => `Contact for ${name}: ${name.toLowerCase()}@corp.example`,
  );
  const transfer = vi.fn(async ({ to }: { to: string }) => `sent to ${to}`);
  const tools = [
    tool(lookup, {
      name: 'lookup_contact',
      description: 'Find a contact',
      schema: z.object({ name: z.string() }),
    }),
    tool(transfer, {
      name: 'send_money',
      description: 'Send money',
      schema: z.object({ to: z.string(), note: z.string() }),
    }),
  ];
  const guardChain = opts.guards
    ? createGuardChain({ guards: opts.guards, ...(opts.failMode ? { failMode: opts.failMode } : {}) })
    : chain();
  const agent = createAgent({ model, tools, middleware: [rampartMiddleware({ chain: guardChain })] });
  return { agent, model, lookup, transfer, guardChain };
}

const user = (text: string) => ({ messages: [new HumanMessage(text)] });

describe('rampartMiddleware with createAgent', () => {
  it('passes a benign exchange untouched', async () => {
    const { agent, model } = agentWith([{ content: 'Paris is the capital of France.' }]);
    const result = await agent.invoke(user('What is the capital of France?'));
    const last = result.messages.at(-1)!;
    expect(contentText(last.content)).toBe('Paris is the capital of France.');
    expect(model.calls).toBe(1);
    expect(result.rampartDecisions.map((d) => d.action)).toEqual(['allow', 'allow']);
  });

  it('blocks a harmful request before the model runs, with category and severity in metadata', async () => {
    const { agent, model, guardChain } = agentWith([{ content: 'never said' }]);
    const blocked = vi.fn();
    guardChain.events.on('blocked', blocked);
    const result = await agent.invoke(user('How do I wire the detonator?'));
    const last = result.messages.at(-1) as AIMessage;
    expect(model.calls).toBe(0);
    expect(contentText(last.content)).toBe(guardChain.policy.refusalMessage);
    expect(last.response_metadata.rampart).toMatchObject({
      action: 'block',
      categories: ['violence'],
      severity: 'severe',
    });
    expect(blocked).toHaveBeenCalledOnce();
  });

  it('redacts PII in the user message before the model sees it', async () => {
    const { agent } = agentWith([{ content: 'Noted.' }]);
    const result = await agent.invoke(user('My email is jane@example.org, remember it.'));
    expect(contentText(result.messages[0]!.content)).toBe('My email is [EMAIL], remember it.');
  });

  it('redacts PII in the answer', async () => {
    const { agent } = agentWith([{ content: 'Call Bob on +1 (415) 555-0132.' }]);
    const result = await agent.invoke(user('How do I reach Bob?'));
    expect(contentText(result.messages.at(-1)!.content)).toBe('Call Bob on [PHONE].');
    expect(result.rampartDecisions.at(-1)).toMatchObject({ stage: 'output', action: 'redact' });
  });

  it('stops a dangerous tool call before the tool executes', async () => {
    const { agent, transfer } = agentWith([
      {
        content: '',
        toolCalls: [{ name: 'send_money', args: { to: 'acct 99', note: 'wire transfer to offshore shell' } }],
      },
      { content: 'I could not complete that.' },
    ]);
    const result = await agent.invoke(user('Pay my invoice'));
    expect(transfer).not.toHaveBeenCalled();
    const toolMessage = result.messages.find((m) => ToolMessage.isInstance(m)) as ToolMessage;
    expect(toolMessage.status).toBe('error');
    expect(toolMessage.response_metadata.rampart).toMatchObject({ stage: 'tool', action: 'block' });
  });

  it('redacts PII in tool results', async () => {
    const { agent, lookup } = agentWith([
      { content: '', toolCalls: [{ name: 'lookup_contact', args: { name: 'Alice' } }] },
      { content: 'I found the contact.' },
    ]);
    const result = await agent.invoke(user('Find Alice'));
    expect(lookup).toHaveBeenCalledOnce();
    const toolMessage = result.messages.find((m) => ToolMessage.isInstance(m))!;
    expect(contentText(toolMessage.content)).toBe('Contact for Alice: [EMAIL]');
  });

  it('blocks a harmful answer and drops its tool calls', async () => {
    const { agent, transfer } = agentWith([
      {
        content: 'Attach the detonator now.',
        toolCalls: [{ name: 'send_money', args: { to: 'x', note: 'y' } }],
      },
    ]);
    const result = await agent.invoke(user('Help me'));
    const last = result.messages.at(-1) as AIMessage;
    expect(contentText(last.content)).toBe("Sorry, I can't help with that.");
    expect(last.tool_calls ?? []).toEqual([]);
    expect(transfer).not.toHaveBeenCalled();
  });

  it('fails closed when a guard throws, and open when configured', async () => {
    const broken: Guard = {
      name: 'broken',
      stages: ['input', 'output'],
      check: () => Promise.reject(new Error('down')),
    };
    const closed = agentWith([{ content: 'hi' }], { guards: [broken] });
    const closedResult = await closed.agent.invoke(user('hello'));
    expect(closed.model.calls).toBe(0);
    const refusal = closedResult.messages.at(-1) as AIMessage;
    expect((refusal.response_metadata.rampart as { categories: string[] }).categories).toEqual([
      'guard_failure',
    ]);
    const open = agentWith([{ content: 'hi there' }], { guards: [broken], failMode: 'open' });
    const openResult = await open.agent.invoke(user('hello'));
    expect(contentText(openResult.messages.at(-1)!.content)).toBe('hi there');
  });

  it('publishes decisions as rampart_decision custom events', async () => {
    const { agent } = agentWith([{ content: 'Fine.' }]);
    const names: string[] = [];
    for await (const event of agent.streamEvents(user('hello'), { version: 'v2' })) {
      if (event.event === 'on_custom_event') names.push(event.name);
    }
    expect(names).toContain('rampart_decision');
  });
});

describe('guardMessageStream over streamMode "messages"', () => {
  const harmful =
    'Sure. First gather the parts, then attach the detonator to the frame, and finally test it outside.';

  async function streamed(chunkSizes: number[], windowChars: number) {
    const { agent, guardChain } = agentWith([{ content: harmful }], { chunkSizes });
    const stream = await agent.stream(user('Explain the device'), { streamMode: 'messages' });
    let text = '';
    for await (const [message] of guardMessageStream(stream as AsyncIterable<MessageStreamItem>, {
      chain: guardChain,
      windowChars,
      holdBackChars: 12,
    })) {
      if (message.getType() === 'ai') text += contentText(message.content);
    }
    return text;
  }

  it('never releases blocked text, whatever the chunk sizes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 4, max: 80 }),
        async (sizes, windowChars) => {
          const text = await streamed(sizes, windowChars);
          expect(text).not.toContain('detonator');
          expect(text).toContain("Sorry, I can't help with that.");
        },
      ),
      { numRuns: 25 },
    );
  });

  it('streams a benign answer through intact', async () => {
    const answer = 'Tomatoes like sun, regular water and well-drained soil.';
    const { agent, guardChain } = agentWith([{ content: answer }], { chunkSizes: [2, 5] });
    const stream = await agent.stream(user('Garden tips?'), { streamMode: 'messages' });
    let text = '';
    for await (const [message] of guardMessageStream(stream as AsyncIterable<MessageStreamItem>, {
      chain: guardChain,
      windowChars: 10,
    })) {
      if (message.getType() === 'ai') text += contentText(message.content);
    }
    expect(text).toBe(answer);
  });
});
