export * from './checksums.js';
export * from './denylist-guard.js';
export * from './injection-guard.js';
export * from './injection-rules.js';
export * from './pii-guard.js';
export * from './pii-patterns.js';
export * from './severity-from-score.js';
export * from './size-limit-guard.js';
