export * from './actions.js';
export * from './policy.js';
export * from './schema.js';
export * from './zod-issues.js';
