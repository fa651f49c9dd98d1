// Registers every API route module on the app.
import { accountRoutes } from './account.js';
import { clinicianRoutes } from './clinician.js';
import { linkRoutes } from './links.js';
import { metaRoutes } from './meta.js';
import { recordRoutes } from './records.js';
import type { ZApi } from './types.js';

export async function registerRoutes(app: ZApi): Promise<void> {
  metaRoutes(app);
  accountRoutes(app);
  recordRoutes(app);
  linkRoutes(app);
  clinicianRoutes(app);
  await Promise.resolve();
}
