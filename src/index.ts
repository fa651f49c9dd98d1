// The `backchain` library: the pure engine and the knowledge base, usable from Node or a browser.
export * from './engine/index.js';
export { knowledgeBase, KB_VERSION } from './kb/index.js';
export type * from './kb/types.js';
