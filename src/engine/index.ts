// The clinical engine's public surface. Pure: nothing here does I/O, reads the clock or touches the DOM.
export * from './problems.js';
export * from './intake.js';
export * from './start-back.js';
export * from './triage.js';
export * from './contributors.js';
export * from './plan.js';
export * from './assess.js';
export * from './session.js';
export * from './checkin.js';
export * from './warning-now.js';
export * from './progress.js';
export * from './questions.js';
export * from './clinician-change.js';
export * from './caseload.js';
