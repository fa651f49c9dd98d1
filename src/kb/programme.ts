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
      'The exercise programme waits until a clinician has seen you: follow the advice above first.',
    'gentle-only':
      'For now only gentle exercises at the lowest dose, with the stop rules before each one.',
    'hamstring-injury': 'No hamstring stretching until a clinician has examined the thigh.',
    'backing-off':
      'Backing off: pain spread down the leg or new leg symptoms appeared, so for now only gentle exercises at the lowest dose, without the stretches that pull on the sciatic nerve.',
    'all-stopped':
      'Each exercise in your plan made the pain sharper or spread down the leg, so they have all been stopped. A GP or physiotherapist can help you find exercises that suit you.',
    unpaired:
      'Stretching alone rarely settles this kind of pain, but none of the strengthening exercises suits you at the moment. A physiotherapist can suggest one that does.',
  },
  cautions: {
    'gentle-only':
      'Gentle only: keep to this lowest dose and read the stop rules before you start.',
    'below-knee-hamstring-stretch':
      'Your symptoms reach below the knee: stop before you feel anything in the leg below the knee, and never hold this stretch into leg symptoms, because the sciatic nerve runs through the hamstrings.',
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
