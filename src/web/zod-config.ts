// zod builds fast parsers with `new Function` unless told not to, and the strict CSP forbids eval.
// This runs before any chunk that creates a schema, so every schema is built without it.
import { config } from 'zod/v4/core';

config({ jitless: true });
