import { AIMessage } from '@langchain/core/messages';
import { type Decision, summarizeDecision } from '@rampart/core';
import { withText } from './message-text.js';

/**
 * The model's answer rewritten per a decision, with the decision in `response_metadata.rampart`:
 * redacted text (tool calls kept) when allowed, the policy's replacement (tool calls dropped, so
 * nothing the answer asked for runs) when not.
 */
export function guardedAnswer(original: AIMessage, decision: Decision): AIMessage {
  return new AIMessage({
    content: decision.allowed ? withText(original.content, decision.text) : (decision.replacement ?? ''),
    ...(original.id ? { id: original.id } : {}),
    ...(decision.allowed ? { tool_calls: original.tool_calls ?? [] } : {}),
    response_metadata: { ...original.response_metadata, rampart: summarizeDecision(decision) },
  });
}
