// The in-memory store against the shared Store contract.
import { createMemoryStore } from './memory.js';
import { storeContract } from './store.contract.js';

storeContract('memory', () => Promise.resolve(createMemoryStore()));
