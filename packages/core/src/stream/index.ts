export * from './cut-point.js';
export * from './guard-text-stream.js';
export * from './guard-transform-stream.js';
export * from './stream-guard.js';
