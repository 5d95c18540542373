import { dispatchCustomEvent } from '@langchain/core/callbacks/dispatch';
import type { RunnableConfig } from '@langchain/core/runnables';
import { type Decision, summarizeDecision } from '@rampart/core';

/** Name of the custom callback event carrying each decision (visible in traces and streamEvents). */
export const DECISION_EVENT = 'rampart_decision';

/** A run manager (or anything) that can emit a custom callback event for the current run. */
export interface DecisionEventSink {
  handleCustomEvent(eventName: string, data: unknown): Promise<void>;
}

/**
 * Publishes a decision as a LangChain custom event so it shows up in LangSmith traces and
 * `streamEvents`. Outside a run (no callback context) there is nobody to tell: that is not an error.
 */
export async function traceDecision(
  decision: Decision,
  via?: RunnableConfig | DecisionEventSink,
): Promise<void> {
  try {
    if (via && typeof (via as DecisionEventSink).handleCustomEvent === 'function') {
      await (via as DecisionEventSink).handleCustomEvent(DECISION_EVENT, summarizeDecision(decision));
      return;
    }
    await dispatchCustomEvent(DECISION_EVENT, summarizeDecision(decision), via as RunnableConfig | undefined);
  } catch {
    // dispatchCustomEvent throws when called outside a runnable context.
  }
}
