import { defineConfig } from 'vitest/config';
import { workspaceAliases } from './vitest.aliases.js';

// `pnpm test:e2e`: real Chromium (Playwright) and real Edge runtimes. Slower; CI runs it after `pnpm test`.
export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
