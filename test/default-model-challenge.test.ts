import { readFile } from 'node:fs/promises';
import { createClassifier } from '@rampart/inference';
import { describe, expect, it } from 'vitest';

interface ChallengeRow {
  prompt: string;
  response?: string;
  is_safe: boolean;
  kind: string;
}

/**
 * A small hand-written challenge set (not drawn from any dataset): refusals to harmful prompts,
 * harm that follows an innocent question, benign text with scary words, and plain harmful or benign
 * prompts. It guards the default model against regressions in the behaviours the PKU test split
 * does not isolate; the numbers are in docs/model-card.md.
 */
describe('default model on the challenge set', () => {
  it('gets at least 70% of the hand-written cases right and every harmful prompt', async () => {
    const rows: ChallengeRow[] = (
      await readFile(new URL('./fixtures/challenge.jsonl', import.meta.url), 'utf8')
    )
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const classifier = await createClassifier({ device: 'wasm' });
    const verdicts = await classifier.classify(
      rows.map((r) => (r.response === undefined ? r.prompt : { prompt: r.prompt, response: r.response })),
    );
    await classifier.dispose();
    const correct = rows.filter((r, i) => verdicts[i]!.flagged === !r.is_safe).length;
    expect(correct / rows.length).toBeGreaterThanOrEqual(0.7);
    rows.forEach((r, i) => {
      if (r.kind === 'harmful-prompt') expect(verdicts[i]!.flagged).toBe(true);
    });
  });
});
