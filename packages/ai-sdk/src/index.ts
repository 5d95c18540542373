export * from './guard-stream.js';
export * from './metadata.js';
export * from './middleware.js';
export * from './prompt-text.js';
export * from './refusal.js';
