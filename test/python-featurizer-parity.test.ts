import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('Python featuriser parity', () => {
  it('the training featuriser reproduces the committed golden vectors (stdlib only, no torch)', () => {
    const run = spawnSync('python3', ['-m', 'unittest', 'training.tests.test_featurizer_parity', '-v'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.stderr).toMatch(/Ran 3 tests/);
    expect(run.status, run.stderr).toBe(0);
  });
});
