import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleChain } from '../examples/agent-chain/src/assemble.js';
import { runScenario, SCENARIOS, type ScenarioResult } from '../examples/agent-chain/src/scenarios.js';

// The main job end to end: real createAgent, real default classifier, the example's policy file.
let results: ScenarioResult[];
let dispose: () => Promise<void>;

beforeAll(async () => {
  const { chain, classifier } = await assembleChain();
  dispose = () => classifier.dispose();
  results = [];
  for (const scenario of SCENARIOS) results.push(await runScenario(scenario, chain));
});
afterAll(() => dispose());

const lineOf = (r: ScenarioResult, speaker: string) =>
  r.lines.filter((l) => l.speaker === speaker).map((l) => l.text);

describe('examples/agent-chain', () => {
  it('passes a benign exchange untouched, tools and all', () => {
    const [benign] = results;
    expect(benign!.decisions.every((d) => d.action === 'allow')).toBe(true);
    expect(benign!.executedTools).toEqual(['get_weather(Paris)']);
    expect(lineOf(benign!, 'assistant').at(-1)).toBe(SCENARIOS[0]!.model[1]!.content);
  });

  it('blocks the harmful request before the model, naming category and severity', () => {
    const harmful = results[1]!;
    expect(harmful.modelCalls).toBe(0);
    const input = harmful.stateDecisions[0]!;
    expect(input).toMatchObject({ stage: 'input', action: 'block' });
    expect(input.categories.length).toBeGreaterThan(0);
    expect(['minor', 'moderate', 'severe']).toContain(input.severity);
  });

  it('redacts PII in the answer', () => {
    const pii = results[2]!;
    expect(lineOf(pii, 'assistant').at(-1)).toBe(
      'Dana Whitfield ([EMAIL], [PHONE]) reports that order #4821 arrived damaged and asks for a replacement.',
    );
    expect(pii.stateDecisions.at(-1)).toMatchObject({
      stage: 'output',
      action: 'redact',
      categories: ['pii'],
    });
  });

  it('stops the dangerous tool call before it executes', () => {
    const shell = results[3]!;
    expect(shell.executedTools).toEqual([]);
    expect(shell.decisions.find((d) => d.stage === 'tool')).toMatchObject({
      action: 'block',
      categories: ['dangerous_command'],
    });
    expect(lineOf(shell, 'tool')[0]).toMatch(/\[not executed\]$/);
  });
});
