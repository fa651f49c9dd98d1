// The catalogue's "never when" situations (`exercises.md`) by stable id, in people's words.
import type { Exclusion, ExclusionCode } from './types.js';

export const exclusions: Readonly<Record<ExclusionCode, Exclusion>> = {
  'hamstring-injury': {
    name: 'a recent hamstring injury',
    applies: 'this person reported one',
  },
  'below-knee-symptoms': {
    name: 'pain or numbness below the knee',
    applies: 'this person reported it',
  },
  'acute-phase': {
    name: 'the first 6 weeks of an episode',
    applies: 'this person’s began less than 6 weeks ago',
  },
};
