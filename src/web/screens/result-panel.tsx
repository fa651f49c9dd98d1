// The result screen's level panel lives with the shared components; this keeps the screens' imports short.
export {
  LevelPanel,
  WarningPanel,
  EmergencyCall,
  type ReasonLine,
} from '../components/level-panel.js';
export type { AdviceParts } from '../level-words.js';
