// What a clinician's action on a person's page says once done, and how the page reloads after it: shared
// by the person's page and its parts (the programme editor, the outcome measures).

/** What an action says once done, shown at the top of the part of the page it was done in. */
export interface ActionMessage {
  tone: 'success' | 'warning';
  text: string;
  at: 'programme' | 'outcomes';
}

/** Reloads the record after an action, with what to say about it. */
export type Reload = (message?: ActionMessage) => void;
