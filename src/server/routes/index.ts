// Registers every API route module on the app, each declaring the problems it can answer (problem-schema.ts).
import { declareProblems } from '../problem-schema.js';
import { accountRoutes } from './account.js';
import { clinicianRoutes } from './clinician.js';
import { linkRoutes } from './links.js';
import { metaRoutes } from './meta.js';
import { recordRoutes } from './records.js';
import type { ZApi } from './types.js';

export async function registerRoutes(app: ZApi): Promise<void> {
  app.addHook('onRoute', declareProblems);
  metaRoutes(app);
  accountRoutes(app);
  recordRoutes(app);
  linkRoutes(app);
  clinicianRoutes(app);
  await Promise.resolve();
}
