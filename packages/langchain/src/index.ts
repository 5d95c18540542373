export * from './guard-message-stream.js';
export * from './guard-runnable.js';
export * from './guarded-answer.js';
export * from './message-text.js';
export * from './middleware.js';
export * from './trace.js';
