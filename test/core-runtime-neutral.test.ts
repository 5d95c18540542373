import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../packages/core/src/index.ts', import.meta.url));

const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'crypto',
  'stream',
  'events',
  'buffer',
  'util',
  'worker_threads',
  'child_process',
];

describe('@rampart/core is runtime-neutral', () => {
  it('bundles for the neutral platform with no Node built-in', async () => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'neutral',
      format: 'esm',
      mainFields: ['module', 'main'],
      write: false,
      logLevel: 'silent',
      // Any Node built-in would be unresolvable here and fail the build.
    });
    expect(result.errors).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/from\s*["']node:/);
    expect(code).not.toMatch(/require\(["']node:/);
    for (const name of NODE_BUILTINS) expect(code).not.toMatch(new RegExp(`from\\s*["']${name}["']`));
  });

  it('fails the same bundle when a Node built-in sneaks in', async () => {
    await expect(
      build({
        stdin: {
          contents: `import { readFileSync } from 'node:fs'; export const x = readFileSync;`,
          loader: 'ts',
        },
        bundle: true,
        platform: 'neutral',
        write: false,
        logLevel: 'silent',
      }),
    ).rejects.toThrow();
  });
});
