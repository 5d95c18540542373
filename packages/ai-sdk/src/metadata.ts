import type { SharedV3ProviderMetadata } from '@ai-sdk/provider';
import { type Decision, type DecisionSummary, summarizeDecision } from '@rampart/core';

/** What Rampart records in `providerMetadata.rampart`. */
export interface RampartProviderMetadata {
  input?: DecisionSummary;
  output?: DecisionSummary;
  toolCalls?: Array<{ toolCallId: string; toolName: string; decision: DecisionSummary }>;
}

/** Merges Rampart's record into provider metadata (keeping the provider's own keys). */
export function withRampart(
  metadata: SharedV3ProviderMetadata | undefined,
  record: RampartProviderMetadata,
): SharedV3ProviderMetadata {
  return { ...metadata, rampart: JSON.parse(JSON.stringify(record)) };
}

export const summary = (decision: Decision): DecisionSummary => summarizeDecision(decision);
