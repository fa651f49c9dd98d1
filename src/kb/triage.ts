// The words of the triage policy (`docs/triage-policy.md`) as data: each rule's reason and sources by its
// code, and the advice for each level and gate. The rules' logic (which answers fire them, their level and
// gate) is the engine's; a change of meaning here bumps KB_VERSION, and a change of policy TRIAGE_POLICY_VERSION.
import type { SourceId, TriageWords } from './types.js';

/** The version in `docs/triage-policy.md`'s header: the policy every assessment is stamped with. */
export const TRIAGE_POLICY_VERSION = 1;

const CAUDA: readonly SourceId[] = ['girft-cauda-equina', 'nice-cks-sciatica', 'art-causes'];
const SCIATICA: readonly SourceId[] = ['nice-cks-sciatica', 'nice-ng59'];
const BACK: readonly SourceId[] = ['nice-cks-back-pain', 'nice-ng59'];

export const triageWords: TriageWords = {
  rules: {
    'cauda-equina-saddle': {
      text: 'Numbness or tingling around the genitals, back passage or inner thighs can mean the nerves at the base of the spine are being squeezed. This is called cauda equina syndrome. It needs checking in hospital straight away.',
      sources: CAUDA,
    },
    'cauda-equina-bladder': {
      text: 'A new change in how you pass urine, with back pain, can mean the nerves to the bladder are being squeezed. It needs checking straight away.',
      sources: CAUDA,
    },
    'cauda-equina-bowel': {
      text: 'A new loss of bowel control, or of the feeling that you need to go, can mean the nerves to the bowel are being squeezed. It needs checking in hospital straight away.',
      sources: CAUDA,
    },
    'cauda-equina-sexual': {
      text: 'A new loss of sexual function or of feeling in the genitals, with leg pain or numbness, can mean the nerves at the base of the spine are being squeezed. It needs checking straight away.',
      sources: CAUDA,
    },
    'bilateral-neurological': {
      text: 'Numbness or weakness in both legs can mean more than one nerve root is being squeezed. It needs checking straight away.',
      sources: CAUDA,
    },
    'progressive-foot-drop': {
      text: 'A foot that slaps or catches and is getting weaker means a nerve is losing its power. Acting fast gives the nerve the best chance to get well.',
      sources: SCIATICA,
    },
    'major-trauma': {
      text: 'Back pain after a fall from a height, a road crash or a hard knock in sport needs checking for a broken bone or other harm.',
      sources: BACK,
    },
    'progressive-weakness': {
      text: 'Leg weakness that is getting worse means a nerve may be under growing pressure. A doctor should check you today.',
      sources: SCIATICA,
    },
    'foot-drop': {
      text: 'A foot that slaps or catches, or trouble walking on your heels, is a sign of a weak nerve. A doctor should check it today.',
      sources: SCIATICA,
    },
    'bilateral-leg-symptoms': {
      text: 'Pain or other signs in both legs are less common with plain back pain. They can be an early sign of pressure on several nerves. A doctor should check you today.',
      sources: CAUDA,
    },
    'possible-infection': {
      text: 'A fever, or feeling unwell in yourself, with back pain can rarely mean an infection in or near the spine. A doctor should see you today.',
      sources: BACK,
    },
    'possible-fracture': {
      text: 'After even a small fall, bones made weak by thin-bone disease (osteoporosis), steroid tablets or age can break. A doctor should check you today.',
      sources: BACK,
    },
    'cancer-warning-signs': {
      text: 'If you have had cancer, back pain with weight loss, constant night pain or pain between the shoulder blades should be checked by a doctor today.',
      sources: BACK,
    },
    'severe-pain': {
      text: 'Pain of 8 or more out of 10 needs a doctor’s help today, to control the pain and to check that nothing else is going on.',
      sources: ['art-causes', 'nice-ng59'],
    },
    'radicular-deficit': {
      text: 'Pain or numbness below the knee, with numbness or weakness, points to a sore, pressed nerve root. A GP or physio should test your nerves within 1 to 2 weeks.',
      sources: SCIATICA,
    },
    'cancer-history': {
      text: 'After treatment for cancer, new back pain is worth a check by a GP within 1 to 2 weeks, even though it most often has a plain cause.',
      sources: BACK,
    },
    'weight-loss': {
      text: 'Weight loss you cannot explain should be looked into by a GP within 1 to 2 weeks.',
      sources: BACK,
    },
    'night-pain': {
      text: 'Constant pain at night that no position eases is not usual for plain back pain. A GP should check it within 1 to 2 weeks.',
      sources: BACK,
    },
    'thoracic-pain': {
      text: 'Pain between the shoulder blades can have causes other than the low back. A GP should check it within 1 to 2 weeks.',
      sources: BACK,
    },
    immunosuppressed: {
      text: 'With a weak immune system, new back pain is worth a GP check within 1 to 2 weeks, because infections can be harder to spot.',
      sources: BACK,
    },
    'age-at-onset': {
      text: 'New back pain that starts before 20 or after 55 more often has other causes. A GP should see you within 1 to 2 weeks. Gentle exercise is fine in the meantime.',
      sources: BACK,
    },
    'inflammatory-pattern': {
      text: 'Long-lasting back pain that started before 45, with more than half an hour of stiffness each morning that eases as you move, can be a back problem caused by swelling (an inflammatory back condition). A GP can test for it. Exercise helps either way.',
      sources: BACK,
    },
    'persistent-pain': {
      text: 'Pain for more than 12 weeks needs a check by a GP or physio, to look at the whole picture and what else may help.',
      sources: ['nice-ng59'],
    },
    'hamstring-injury': {
      text: 'A sudden sharp pain in the back of the thigh while sprinting, kicking or stretching may be a torn hamstring. Have it checked within 1 to 2 weeks, and do no hamstring stretches until then.',
      sources: ['art-back-pain-from-hamstrings', 'art-tight-hamstrings-pt'],
    },
    'psychosocial-high-risk': {
      text: 'Your STarT Back answers show that worry and low mood are part of how the pain affects you. That is common and can be treated. A GP or physio can offer support that makes getting better more likely.',
      sources: ['keele-start-back', 'nice-ng59'],
    },
  },
  levelAdvice: {
    emergency:
      'Go to an emergency department now, or call your local emergency number: 999 in the UK, 112 in Europe, 911 in North America. Do not wait to see if it settles, and do not start the programme.',
    urgent:
      'Speak to a doctor today. Ask your GP for a same-day visit, go to an urgent care centre, or call a phone advice line (111 in England).',
    soon: 'Book to see a GP or physio (physiotherapist) within the next 1 to 2 weeks.',
    'self-care':
      'You can start the programme. See a GP or physio if you are not clearly better in 2 to 6 weeks, and at once if any warning sign appears.',
  },
  gateAdvice: {
    'not-now': 'Hold off the programme until you have been seen.',
    'gentle-only':
      'Until you have been seen, do only the gentle exercises, at the lowest dose. Stop at once if pain gets sharper or spreads down the leg.',
    allowed: 'In the meantime you can start the programme, slowly.',
  },
  safetyNet:
    'Go to an emergency department at once if you get numbness between your legs or around your back passage, a change in how your bladder or bowels work, or weakness in both legs.',
};
