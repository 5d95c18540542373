import type { Decision } from './decision.js';

/** A compact, JSON-safe view of a decision for message metadata, traces and provider metadata. */
export interface DecisionSummary {
  stage: Decision['stage'];
  action: Decision['action'];
  allowed: boolean;
  severity: Decision['severity'];
  categories: string[];
  findings: Array<{ guard: string; category?: string; severity: string; score: number; action: string }>;
  policyVersion: string;
}

/** Summarises a decision without the (possibly large or sensitive) text and spans. */
export function summarizeDecision(decision: Decision): DecisionSummary {
  return {
    stage: decision.stage,
    action: decision.action,
    allowed: decision.allowed,
    severity: decision.severity,
    categories: decision.categories,
    findings: decision.findings
      .filter((f) => f.action !== 'allow')
      .map((f) => ({
        guard: f.guard,
        ...(f.category ? { category: f.category } : {}),
        severity: f.severity,
        score: Number(f.score.toFixed(4)),
        action: f.action,
      })),
    policyVersion: decision.policyVersion,
  };
}
