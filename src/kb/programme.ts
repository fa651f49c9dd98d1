// The words of a programme as data (`exercises.md`): why a self-care item joins it, the notes that say why it is
// empty or limited, the cautions an exercise carries, and why a clinician's change is refused. When each applies is
// the engine's (`src/engine/plan.ts`, `session.ts`, `clinician-change.ts`); a change of meaning here bumps KB_VERSION.
import type { ProgrammeWords, SelfCareReason, SelfCareReasonId } from './types.js';

export const selfCareReasons: Readonly<Record<SelfCareReasonId, SelfCareReason>> = {
  'cold-pack.first-48-hours': {
    item: 'cold-pack',
    text: 'For the first 48 hours of a flare, cold eases pain and swelling.',
  },
  'moist-heat.after-cold': {
    item: 'moist-heat',
    text: 'Once the first 48 hours have passed, switch from cold to heat.',
  },
  'moist-heat.after-48-hours': {
    item: 'moist-heat',
    text: 'After the first 48 hours, heat relaxes tight muscles and eases pain.',
  },
  'walking-breaks.long-sitting': {
    item: 'walking-breaks',
    text: 'You sit for long spells; short walks break them up.',
  },
  'desk-setup.long-sitting': {
    item: 'desk-setup',
    text: 'You sit for long spells; a supportive set-up keeps the back’s natural curve.',
  },
  'lifting-technique.lifting-work': {
    item: 'lifting-technique',
    text: 'You lift at work; letting the legs take the load spares the back.',
  },
  'lifting-technique.worse-bending': {
    item: 'lifting-technique',
    text: 'Bending hurts; bending the knees and keeping the back straight spares it.',
  },
  'massage-gun-caution.hamstrings': {
    item: 'massage-gun-caution',
    text: 'If you use a massage gun on tight-feeling hamstrings, go easy with it.',
  },
};

export const programmeWords: ProgrammeWords = {
  notes: {
    'not-now':
      'Your exercises wait until a doctor or physio has seen you. Follow the advice above first.',
    'gentle-only':
      'For now, do only the gentle moves, at the lowest dose. Read the stop rules before each one.',
    'hamstring-injury': 'No hamstring stretches until a doctor or physio has checked your thigh.',
    'backing-off':
      'You are backing off. Pain spread down your leg, or new leg symptoms came on. So for now, do only the gentle moves, at the lowest dose. Leave out the stretches that pull on the sciatic nerve.',
    'all-stopped':
      'Each move in your plan made the pain sharper or spread it down the leg. So they have all been stopped. A GP or physio can help you find moves that suit you.',
    unpaired:
      'Stretching alone rarely settles this kind of pain. But none of the strength moves suits you just now. A physio can suggest one that does.',
  },
  cautions: {
    'gentle-only':
      'Gentle only. Keep to this lowest dose, and read the stop rules before you start.',
    'below-knee-hamstring-stretch':
      'Your pain reaches below the knee. Stop before you feel anything in the leg below the knee. Never hold this stretch into leg pain or tingling: the sciatic nerve runs through the back of the thigh.',
  },
  refusals: {
    'gate-not-now':
      'No exercises are allowed now (the triage gate): the person should be seen by a clinician first.',
    'gate-gentle-only':
      'Only gentle exercises are allowed now (the triage gate), and this one is not gentle.',
    'stop-rule': 'The stop rules took this exercise out after pain in a session.',
    'back-off-nerve-tension':
      'Not while backing off after pain spread down the leg: gentle exercises only, none that stretch the sciatic nerve. This one stretches it.',
    'back-off-not-gentle':
      'Not while backing off after pain spread down the leg: gentle exercises only, none that stretch the sciatic nerve. This one is not gentle.',
    'warning-pause':
      'A warning sign paused this programme: it cannot be changed until the person has a new assessment.',
    'lowest-dose-gate':
      'Only gentle exercises at the lowest dose are allowed now (the triage gate).',
    'lowest-dose-back-off':
      'Only the lowest dose while backing off after pain spread down the leg.',
  },
};
