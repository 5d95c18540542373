import { fileURLToPath } from 'node:url';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

/** Tests import workspace packages from source, so `pnpm test` needs no build step. */
export const workspaceAliases = {
  '@rampart/core': src('core'),
  '@rampart/inference': src('inference'),
  '@rampart/cli': src('cli'),
  '@rampart/langchain/testing': fileURLToPath(
    new URL('./packages/langchain/src/testing/scripted-chat-model.ts', import.meta.url),
  ),
  '@rampart/langchain': src('langchain'),
  '@rampart/ai-sdk': src('ai-sdk'),
};
