// The clues that point to or away from each contributor (`intake.md`), as data by stable id: the contributor each
// moves, by how much (points for, negative against), and what it tells the person. Which answers make a clue hold
// is the engine's (`src/engine/contributors.ts`), by the same id.
import type { ClueId, ContributorClue } from './types.js';

export const contributorClues: Readonly<Record<ClueId, ContributorClue>> = {
  'lumbar-radiculopathy.pain-below-knee': {
    contributor: 'lumbar-radiculopathy',
    weight: 2,
    text: 'Pain reaching below the knee follows the path of the sciatic nerve rather than a muscle.',
  },
  'lumbar-radiculopathy.slr-test': {
    contributor: 'lumbar-radiculopathy',
    weight: 2.5,
    text: 'Raising the straight leg brought on pain below the knee: this stretches the nerve, not just the muscle.',
  },
  'lumbar-radiculopathy.slr-dorsiflexion-worse': {
    contributor: 'lumbar-radiculopathy',
    weight: 1,
    text: 'Pulling the toes up during the leg raise made the leg worse, which tightens the nerve further.',
  },
  'lumbar-radiculopathy.worse-cough-sneeze': {
    contributor: 'lumbar-radiculopathy',
    weight: 1.5,
    text: 'Leg pain on coughing or sneezing fits pressure on a nerve root in the spine.',
  },
  'lumbar-radiculopathy.numbness-below-knee': {
    contributor: 'lumbar-radiculopathy',
    weight: 1.5,
    text: 'Numbness or pins and needles below the knee point to an irritated nerve.',
  },
  'lumbar-radiculopathy.numbness-thigh': {
    contributor: 'lumbar-radiculopathy',
    weight: 0.5,
    text: 'Numbness in the thigh can come from an irritated nerve.',
  },
  'lumbar-radiculopathy.leg-weakness': {
    contributor: 'lumbar-radiculopathy',
    weight: 1,
    text: 'Weakness in the leg can mean a nerve root is not passing signals fully.',
  },
  'lumbar-radiculopathy.pain-quality': {
    contributor: 'lumbar-radiculopathy',
    weight: 1,
    text: 'Shooting or burning pain is typical of an irritated nerve.',
  },
  'lumbar-radiculopathy.worse-bending': {
    contributor: 'lumbar-radiculopathy',
    weight: 0.5,
    text: 'Leg symptoms with pain on bending forward fit a disc pressing on a nerve root.',
  },
  'lumbar-radiculopathy.leg-side-against': {
    contributor: 'lumbar-radiculopathy',
    weight: -2,
    text: 'No symptoms in the buttock or leg, so a trapped nerve root is unlikely.',
  },
  'lumbar-radiculopathy.slr-test-against': {
    contributor: 'lumbar-radiculopathy',
    weight: -1.5,
    text: 'The leg raise only pulled in the thigh, which points to muscle rather than nerve.',
  },
  'piriformis-syndrome.deep-buttock-pain-sitting': {
    contributor: 'piriformis-syndrome',
    weight: 2,
    text: 'Deep pain in the buttock when you sit is what people most often feel when the piriformis presses on the nerve.',
  },
  'piriformis-syndrome.hip-rotation-provokes': {
    contributor: 'piriformis-syndrome',
    weight: 2,
    text: 'Crossing the legs or turning the hip in tightens the piriformis over the nerve and brought the pain on.',
  },
  'piriformis-syndrome.buttock-pain': {
    contributor: 'piriformis-syndrome',
    weight: 0.5,
    text: 'Pain in the buttock, where the piriformis lies.',
  },
  'piriformis-syndrome.buttock-without-back-pain': {
    contributor: 'piriformis-syndrome',
    weight: 0.5,
    text: 'The lower back itself is not painful, which fits a problem outside the spine.',
  },
  'piriformis-syndrome.worse-sitting': {
    contributor: 'piriformis-syndrome',
    weight: 0.5,
    text: 'Sitting makes it worse, which presses on the buttock.',
  },
  'piriformis-syndrome.worse-cough-sneeze-against': {
    contributor: 'piriformis-syndrome',
    weight: -1,
    text: 'Leg pain on coughing points to the spine rather than the buttock.',
  },
  'piriformis-syndrome.leg-weakness-against': {
    contributor: 'piriformis-syndrome',
    weight: -1,
    text: 'Leg weakness is more typical of a nerve root problem in the spine.',
  },
  'piriformis-syndrome.leg-side-against': {
    contributor: 'piriformis-syndrome',
    weight: -1.5,
    text: 'No buttock or leg symptoms, so the nerve in the buttock is unlikely to be involved.',
  },
  'hamstring-tightness.hamstring-tightness': {
    contributor: 'hamstring-tightness',
    weight: 1,
    text: 'The backs of the thighs feel tight.',
  },
  'hamstring-tightness.toe-touch': {
    contributor: 'hamstring-tightness',
    weight: 1.5,
    text: 'The fingertips do not reach the toes with straight knees, a sign of short hamstrings.',
  },
  'hamstring-tightness.slr-angle-under-70': {
    contributor: 'hamstring-tightness',
    weight: 2,
    text: 'The straight leg rose less than 70 degrees: the hamstrings are short.',
  },
  'hamstring-tightness.slr-angle-70-to-80': {
    contributor: 'hamstring-tightness',
    weight: 0.5,
    text: 'The straight leg rose to between 70 and 80 degrees: slightly short hamstrings.',
  },
  'hamstring-tightness.slr-angle-80-or-more': {
    contributor: 'hamstring-tightness',
    weight: -2,
    text: 'The straight leg rose to 80 degrees or more: a full range, so the hamstrings are not short.',
  },
  'hamstring-tightness.toe-touch-against': {
    contributor: 'hamstring-tightness',
    weight: -2,
    text: 'The fingertips reach the toes, so the hamstrings are long enough.',
  },
  'hamstring-tightness.slr-test': {
    contributor: 'hamstring-tightness',
    weight: 1,
    text: 'The leg raise pulled in the back of the thigh, which points to the muscle.',
  },
  'hamstring-tightness.sitting-hours': {
    contributor: 'hamstring-tightness',
    weight: 0.5,
    text: 'Long hours of sitting keep the hamstrings shortened.',
  },
  'hamstring-tightness.pain-quality': {
    contributor: 'hamstring-tightness',
    weight: 0.5,
    text: 'A pulling feeling fits a tight muscle.',
  },
  'hamstring-tightness.worse-bending': {
    contributor: 'hamstring-tightness',
    weight: 0.5,
    text: 'Bending forward stretches short hamstrings and tugs on the pelvis.',
  },
  'hamstring-tightness.thigh-injury-against': {
    contributor: 'hamstring-tightness',
    weight: -1,
    text: 'A sudden injury in the thigh points to a strain rather than gradual tightness.',
  },
  'hamstring-weakness.hamstring-tightness': {
    contributor: 'hamstring-weakness',
    weight: 2.5,
    text: 'The thighs feel tight yet have a full range (toes reached or a leg raise of 80 degrees or more): the feeling of tightness is more often a sign of weak hamstrings than short ones.',
  },
  'hamstring-weakness.back-fatigue': {
    contributor: 'hamstring-weakness',
    weight: 2,
    text: 'The lower back tires after standing or activity, as it does when it takes over work from weak hamstrings.',
  },
  'hamstring-weakness.activity': {
    contributor: 'hamstring-weakness',
    weight: 0.5,
    text: 'Long sitting leaves the hamstrings unused, and unused muscles weaken.',
  },
  'hamstring-weakness.toe-touch-against': {
    contributor: 'hamstring-weakness',
    weight: -0.5,
    text: 'Measured shortness makes short hamstrings a better fit than weak ones.',
  },
  'hamstring-weakness.thigh-injury-against': {
    contributor: 'hamstring-weakness',
    weight: -1,
    text: 'A sudden injury in the thigh points to a strain.',
  },
  'postural-strain.sitting-hours': {
    contributor: 'postural-strain',
    weight: 1.5,
    text: 'Six hours or more of sitting a day loads the low back in one position.',
  },
  'postural-strain.activity': {
    contributor: 'postural-strain',
    weight: 1,
    text: 'A mostly sitting day leaves the back little variety of movement.',
  },
  'postural-strain.worse-sitting': {
    contributor: 'postural-strain',
    weight: 1,
    text: 'The pain builds up with sitting.',
  },
  'postural-strain.eases-with-movement': {
    contributor: 'postural-strain',
    weight: 1,
    text: 'The pain eases when walking or moving, which fits strain from staying still.',
  },
  'postural-strain.back-fatigue': {
    contributor: 'postural-strain',
    weight: 0.5,
    text: 'The back tires with standing or activity.',
  },
  'postural-strain.leg-side': {
    contributor: 'postural-strain',
    weight: 0.5,
    text: 'The pain stays in the lower back.',
  },
  'postural-strain.pain-areas-against': {
    contributor: 'postural-strain',
    weight: -1,
    text: 'Symptoms below the knee are not explained by posture.',
  },
  'hamstring-strain-injury.thigh-injury': {
    contributor: 'hamstring-strain-injury',
    weight: 3,
    text: 'A sudden sharp pain in the back of the thigh during sprinting, kicking or a stretch is how a hamstring tear starts.',
  },
  'hamstring-strain-injury.thigh-bruising': {
    contributor: 'hamstring-strain-injury',
    weight: 2,
    text: 'Bruising on the back of the thigh shows bleeding from torn muscle fibres.',
  },
  'hamstring-strain-injury.pain-areas': {
    contributor: 'hamstring-strain-injury',
    weight: 0.5,
    text: 'The pain is in the back of the thigh.',
  },
  'hamstring-strain-injury.activity': {
    contributor: 'hamstring-strain-injury',
    weight: 0.5,
    text: 'An active, sporting life makes a hamstring strain more likely.',
  },
  'hamstring-strain-injury.thigh-injury-against': {
    contributor: 'hamstring-strain-injury',
    weight: -2,
    text: 'No sudden injury or bruising in the thigh, so a hamstring tear is unlikely.',
  },
  'non-specific-mechanical.pain-areas': {
    contributor: 'non-specific-mechanical',
    weight: 1.5,
    text: 'Pain in the lower back: most such pain has no single identifiable cause.',
  },
  'non-specific-mechanical.worse-bending': {
    contributor: 'non-specific-mechanical',
    weight: 1,
    text: 'Pain that changes with bending is mechanical.',
  },
  'non-specific-mechanical.leg-side': {
    contributor: 'non-specific-mechanical',
    weight: 0.5,
    text: 'No leg symptoms.',
  },
  'non-specific-mechanical.lifting-work': {
    contributor: 'non-specific-mechanical',
    weight: 0.5,
    text: 'Lifting at work loads the back.',
  },
  'non-specific-mechanical.pain-areas-against': {
    contributor: 'non-specific-mechanical',
    weight: -1,
    text: 'The lower back itself is not painful.',
  },
};
