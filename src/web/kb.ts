// The browser app's knowledge base: the one place the web app chooses it, as src/server/serve.ts does for the
// server and src/cli/main.ts for the command line. Screens, components and the device repository take it from
// here, never from src/kb/index.ts. Only lazily loaded modules import this one: the first screen and the intake's
// first question load without the knowledge base (the first-load budget; see src/web/main.tsx).
import { knowledgeBase as chosen } from '../kb/index.js';
import type { KnowledgeBase } from '../kb/types.js';

/** The knowledge base every screen of this app reads. */
export const knowledgeBase: KnowledgeBase = chosen;
