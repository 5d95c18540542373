export * from './categories.js';
export * from './mappings.js';
export * from './severity.js';
