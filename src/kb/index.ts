// The knowledge base as one versioned value. Bump KB_VERSION whenever any content changes meaning.
import { careAdvice, prognosis } from './care.js';
import { contributorClues } from './clues.js';
import { contributors } from './contributors.js';
import { educationTopics } from './education.js';
import { exclusions } from './exclusions.js';
import { exercises } from './exercises.js';
import { EXERCISE_KEYFRAMES } from './figures.js';
import { instrumentsById } from './instruments.js';
import { programmeWords, selfCareReasons } from './programme.js';
import { backOff, progression, stopRules } from './rules.js';
import { selfCareItems } from './self-care.js';
import { sources } from './sources.js';
import { TRIAGE_POLICY_VERSION, triageWords } from './triage.js';
import type { KnowledgeBase } from './types.js';

export const KB_VERSION = '2026.11.3';

export const knowledgeBase: KnowledgeBase = {
  version: KB_VERSION,
  policyVersion: TRIAGE_POLICY_VERSION,
  triage: triageWords,
  sources,
  contributors,
  clues: contributorClues,
  // Each exercise carries its illustration's key poses and marks (`figures.ts`).
  exercises: exercises.map((e) => ({ ...e, keyframes: EXERCISE_KEYFRAMES[e.id] })),
  exclusions,
  selfCare: selfCareItems,
  selfCareReasons,
  programme: programmeWords,
  topics: educationTopics,
  careAdvice,
  prognosis,
  stopRules,
  progression,
  backOff,
  instruments: instrumentsById,
};

export * from './types.js';
