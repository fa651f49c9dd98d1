// People's words in one place: doses, frequencies, levels, labels and names, for every surface
// (the web app, the report, the terminal and the exports). Pure: no I/O, no DOM, no global knowledge base.
export * from './dose.js';
export * from './labels.js';
export * from './levels.js';
export * from './names.js';
export * from './refusal.js';
export * from './text.js';
