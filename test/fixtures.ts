// Shared test fixtures: answers several suites use, typed by the engine so they cannot drift from the contract.
import type { WarningSigns } from '../src/engine/checkin.js';

/** Every warning sign answered "no", explicitly (a check-in never defaults them). */
export const NO_WARNING_SIGNS: WarningSigns = {
  saddleNumbness: false,
  bladderChange: false,
  bowelChange: false,
  sexualDysfunction: false,
  numbness: 'none',
  legWeakness: 'none',
  weaknessWorsening: false,
  trauma: 'none',
  fever: false,
  fractureRisk: false,
  cancerHistory: false,
  weightLoss: false,
  nightPainConstant: false,
  thoracicPain: false,
};
