// The knowledge base as one versioned value. Bump KB_VERSION whenever any content changes meaning.
import { EXERCISE_KEYFRAMES } from '../figure/keyframes.js';
import { careAdvice, prognosis } from './care.js';
import { contributors } from './contributors.js';
import { educationTopics } from './education.js';
import { exercises } from './exercises.js';
import { backOff, progression, stopRules } from './rules.js';
import { selfCareItems } from './self-care.js';
import { sources } from './sources.js';
import type { KnowledgeBase } from './types.js';

export const KB_VERSION = '2026.11.3';

export const knowledgeBase: KnowledgeBase = {
  version: KB_VERSION,
  sources,
  contributors,
  // The illustration is built from the figure model's posture helpers, then kept with its exercise.
  exercises: exercises.map((e) => ({ ...e, keyframes: EXERCISE_KEYFRAMES[e.id] })),
  selfCare: selfCareItems,
  topics: educationTopics,
  careAdvice,
  prognosis,
  stopRules,
  progression,
  backOff,
};

export * from './types.js';
