// Looking after sciatica day to day (pain relief, positions, work and driving, how long it takes), and what
// usually happens next: offered on the result by what the assessment found.
import type { CareAdvice, Prognosis } from './types.js';

export const careAdvice: readonly CareAdvice[] = [
  {
    id: 'sciatica-time-course',
    title: 'How long sciatica takes to settle',
    body: [
      'Sciatica usually gets better in 4 to 6 weeks. For some people it takes longer. Most people get better without an operation.',
      'Good and bad days are normal. A bad day does not mean new harm.',
      'See a GP or physio if it is no better after a few weeks, if it is getting worse, or if it stops you doing your normal things.',
    ],
    offeredFor: ['lumbar-radiculopathy', 'piriformis-syndrome'],
    sources: ['nhs-sciatica', 'nice-cks-sciatica'],
  },
  {
    id: 'sciatica-pain-relief',
    title: 'Pain relief',
    body: [
      'Ask a pharmacist which pain pill is right for you. Tell them about any other pills you take, and any health problems.',
      'Paracetamol on its own is not likely to help.',
      'It is not clear how much pills like ibuprofen help. If you take them, take the lowest dose that helps, for the shortest time.',
      'NICE guides doctors in England. It advises against some stronger drugs for this kind of pain. These are gabapentin, pregabalin and other epilepsy drugs, steroid tablets, and diazepam-type drugs. Opioid pain pills, like codeine or morphine, are not advised once it has lasted more than 3 months.',
      'Heat packs can help. Do not use a hot-water bottle. Never put heat on numb skin: you may not feel it burn.',
    ],
    offeredFor: ['lumbar-radiculopathy', 'piriformis-syndrome'],
    sources: ['nhs-sciatica', 'nice-ng59'],
  },
  {
    id: 'sciatica-positions',
    title: 'Sleep and rest positions',
    body: [
      'On your side, put a small firm cushion between your knees.',
      'On your back, put a few firm pillows under your knees.',
      'Do not sit or lie down for long spells. Moving may hurt, but it does no harm, and it helps you get better sooner.',
    ],
    offeredFor: ['lumbar-radiculopathy', 'piriformis-syndrome'],
    sources: ['nhs-sciatica'],
  },
  {
    id: 'sciatica-work-driving',
    title: 'Work and driving',
    body: [
      'Keep up your normal day, and your work, as far as you can. Staying at work, or going back soon, is part of getting better. Ask your work for lighter tasks or more breaks for a while.',
      'At a desk, sit back in a chair that supports your low back. Get up and walk every 30 to 60 minutes.',
      'Only drive if you can sit in comfort, turn to look behind you, and brake hard at once. If your leg is numb or weak, do not drive until you have been checked. On long trips, stop each hour to walk.',
      'Some painkillers can make you sleepy. Read the leaflet, and ask the pharmacist if it is safe to drive.',
    ],
    offeredFor: ['lumbar-radiculopathy', 'piriformis-syndrome'],
    sources: ['nice-ng59', 'nhs-sciatica', 'art-causes', 'art-tight-hamstrings-pt'],
  },
];

export const prognosis: Prognosis = {
  backPain:
    'Most back pain like this gets much better within a few weeks. Keeping active helps you get better sooner; long rest in bed does not.',
  sciatica:
    'Sciatica usually gets much better within 4 to 6 weeks, though it can take longer. Keep moving as much as you can.',
  persistent:
    'Pain that has lasted more than 12 weeks can still get better. A GP or physio can help you plan how.',
  sources: ['nice-ng59', 'nice-cks-back-pain', 'nice-cks-sciatica', 'nhs-sciatica'],
};
