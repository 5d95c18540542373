import { AIMessage, type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { type Decision, type DecisionSummary, type GuardChain, summarizeDecision } from '@rampart/core';
import { createMiddleware } from 'langchain';
import { z } from 'zod';
import { guardedAnswer } from './guarded-answer.js';
import { contentText, messageText, withText } from './message-text.js';
import { traceDecision } from './trace.js';

/** Options of {@link rampartMiddleware}. */
export interface RampartMiddlewareOptions {
  /** The guard chain (any guards, one policy) that decides. */
  chain: GuardChain;
  /** Which checks run (all on by default). */
  checkInput?: boolean;
  checkOutput?: boolean;
  checkTools?: boolean;
  /** Middleware name (must be unique among an agent's middleware). */
  name?: string;
}

const stateSchema = z.object({
  /** Every decision Rampart made in this thread, oldest first. */
  rampartDecisions: z.array(z.custom<DecisionSummary>()).default([]),
  /** Ids of user messages already checked, so a tool loop does not re-check them. */
  rampartCheckedIds: z.array(z.string()).default([]),
});

function lastIndexOf(messages: readonly BaseMessage[], test: (m: BaseMessage) => boolean): number {
  for (let i = messages.length - 1; i >= 0; i--) if (test(messages[i]!)) return i;
  return -1;
}

/** A refusal AI message; the decision (category, severity) rides in `response_metadata.rampart`. */
function refusal(decision: Decision, id?: string): AIMessage {
  return new AIMessage({
    content: decision.replacement ?? '',
    ...(id ? { id } : {}),
    response_metadata: { rampart: summarizeDecision(decision) },
  });
}

/**
 * LangChain v1 agent middleware (built on `createMiddleware`) that runs a Rampart chain:
 * - `beforeModel`: the newest user message at the `input` stage; a block ends the run with a
 *   refusal AI message, a redaction rewrites the message;
 * - `afterModel`: the answer at the `output` stage, redacted or replaced per policy (a blocked
 *   answer also loses its tool calls, so nothing it asked for runs);
 * - `wrapToolCall`: tool-call arguments at the `tool` stage before the tool runs, and its result
 *   after.
 * Decisions are appended to `state.rampartDecisions`, emitted on `chain.events` and dispatched as
 * the `rampart_decision` callback event. Token streams are not visible to hooks: guard
 * `streamMode: 'messages'` output with {@link guardMessageStream}.
 */
export function rampartMiddleware(options: RampartMiddlewareOptions) {
  const { chain } = options;
  const checkInput = options.checkInput ?? true;
  const checkOutput = options.checkOutput ?? true;
  const checkTools = options.checkTools ?? true;

  return createMiddleware({
    name: options.name ?? 'RampartMiddleware',
    stateSchema,
    beforeModel: {
      canJumpTo: ['end'],
      hook: async (state) => {
        if (!checkInput) return undefined;
        const messages = state.messages;
        const index = lastIndexOf(messages, (m) => HumanMessage.isInstance(m));
        const message = messages[index];
        if (!message || (message.id && state.rampartCheckedIds.includes(message.id))) return undefined;
        const decision = await chain.check('input', messageText(message));
        await traceDecision(decision);
        const update = {
          rampartDecisions: [...state.rampartDecisions, summarizeDecision(decision)],
          rampartCheckedIds: message.id ? [...state.rampartCheckedIds, message.id] : state.rampartCheckedIds,
        };
        if (!decision.allowed) return { ...update, jumpTo: 'end' as const, messages: [refusal(decision)] };
        if (decision.action === 'redact') {
          const redacted = new HumanMessage({
            content: withText(message.content, decision.text),
            ...(message.id ? { id: message.id } : {}),
            ...(message.name ? { name: message.name } : {}),
          });
          const next = [...messages];
          next[index] = redacted;
          return { ...update, messages: next };
        }
        return update;
      },
    },
    afterModel: async (state) => {
      if (!checkOutput) return undefined;
      const messages = state.messages;
      const index = lastIndexOf(messages, (m) => AIMessage.isInstance(m));
      const answer = messages[index] as AIMessage | undefined;
      if (!answer) return undefined;
      const text = messageText(answer);
      if (text.trim() === '') return undefined;
      const promptIndex = lastIndexOf(messages.slice(0, index), (m) => HumanMessage.isInstance(m));
      const prompt = promptIndex >= 0 ? messageText(messages[promptIndex]!) : '';
      const decision = await chain.check('output', text, { metadata: { prompt } });
      await traceDecision(decision);
      const rampartDecisions = [...state.rampartDecisions, summarizeDecision(decision)];
      if (decision.allowed && decision.action !== 'redact') return { rampartDecisions };
      const replaced = decision.allowed ? guardedAnswer(answer, decision) : refusal(decision, answer.id);
      const next = [...messages];
      next[index] = replaced;
      return { rampartDecisions, messages: next };
    },
    wrapToolCall: async (request, handler) => {
      if (!checkTools) return handler(request);
      const { toolCall } = request;
      const args = JSON.stringify(toolCall.args ?? {});
      const before = await chain.check('tool', `${toolCall.name}(${args})`, {
        metadata: { tool: toolCall.name, phase: 'arguments' },
      });
      await traceDecision(before);
      if (!before.allowed) {
        // The tool never runs: the model sees a refusal as the tool's answer.
        return new ToolMessage({
          content: before.replacement ?? 'Blocked by policy.',
          tool_call_id: toolCall.id ?? '',
          name: toolCall.name,
          status: 'error',
          response_metadata: { rampart: summarizeDecision(before) },
        });
      }
      const result = await handler(request);
      if (!ToolMessage.isInstance(result)) return result;
      const after = await chain.check('tool', contentText(result.content), {
        metadata: { tool: toolCall.name, phase: 'result' },
      });
      await traceDecision(after);
      if (after.allowed && after.action !== 'redact') return result;
      return new ToolMessage({
        content: after.allowed
          ? withText(result.content, after.text)
          : (after.replacement ?? 'Blocked by policy.'),
        tool_call_id: result.tool_call_id,
        ...(result.name ? { name: result.name } : {}),
        ...(after.allowed ? {} : { status: 'error' as const }),
        response_metadata: { rampart: summarizeDecision(after) },
      });
    },
  });
}
