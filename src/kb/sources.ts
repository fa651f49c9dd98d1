// The sources every fact in the knowledge base is cited against: the five seed articles and the guidelines.
import type { Source, SourceId } from './types.js';

export const sources: readonly Source[] = [
  {
    id: 'art-causes',
    title: 'What Causes Lower Back and Hamstring Pain?',
    kind: 'article',
    publisher: 'Health article',
    file: '000_865abf4fb9dfc888.txt',
    note: 'The sciatic nerve pathway, the posterior chain, disc-related radiculopathy, piriformis syndrome, postural strain, cold then heat, the knee-to-chest and figure-four stretches, the stop rule, core and glute strength, desk set-up, lifting technique and the warning signs. A general overview, not a study.',
  },
  {
    id: 'art-tight-hamstrings-pt',
    title: 'Tight Hamstrings Can Cause Lower Back Pain (physical therapist advice)',
    kind: 'article',
    publisher: 'Consumer wellness magazine quoting physical therapists',
    file: '001_c812695fd8baeaad.txt',
    note: 'The three hamstring muscles, the backward pull on the pelvis, shared nerve supply, sitting as the commonest cause, "tight" as a feeling that often means weak, and the exact dosages of three strengthening and three stretching exercises. Expert opinion, not trial evidence.',
  },
  {
    id: 'art-back-pain-from-hamstrings',
    title: 'Back Pain from Hamstrings',
    kind: 'article',
    publisher: 'Patient education site',
    file: '002_f6498cab77da3875.txt',
    note: 'Pelvic misalignment, flattened lumbar curve, one-sided tightness, disc bulging, spondylolisthesis, sedentary causes, physical therapy first, poor results of surgical release, and hamstring tension as a possible result of pain rather than its cause. It overstates certainty ("we now know for sure"); the product does not.',
  },
  {
    id: 'art-lbp-sciatica-hamstrings',
    title: 'Low Back Pain, Sciatica and the Hamstring Muscles',
    kind: 'article',
    publisher: 'Physiotherapist blog',
    file: '003_4e4968de6c1704f0.txt',
    note: 'Muscle imbalance, sacro-iliac stress versus lumbar over-flexion, the sciatic nerve passing through the hamstrings, a gentle supine hamstring stretch with its hold, repeats and times a day, progressing only when it is too easy, neutral spine with gentle bracing, and that stretching alone rarely resolves the pain. Clinical opinion.',
  },
  {
    id: 'art-weak-hamstrings',
    title: 'Can Weak Hamstrings Cause Back Pain?',
    kind: 'article',
    publisher: 'Health article',
    file: '004_442b8a66047c8ced.txt',
    note: 'Hamstring anatomy (ischial tuberosity, crossing hip and knee), the posterior chain with glutes and core, weakness leading to over-use of the low back, posterior pelvic tilt flattening the lumbar curve and loading discs and facet joints, wall and strap stretches, bridge and modified good morning, starting gradually, stopping sharp or radiating pain, and asking a professional first.',
  },
  {
    id: 'nice-ng59',
    title:
      'Low back pain and sciatica in over 16s: assessment and management (NICE guideline NG59)',
    kind: 'guideline',
    publisher: 'National Institute for Health and Care Excellence (UK)',
    note: 'Risk stratification (for example the STarT Back tool), exercise and self-management as first-line care, and thinking about other causes (cancer, infection, fracture, inflammatory disease, cauda equina syndrome) before diagnosing non-specific back pain.',
  },
  {
    id: 'nice-cks-sciatica',
    title: 'Sciatica (lumbar radiculopathy): Clinical Knowledge Summary',
    kind: 'guideline',
    publisher: 'NICE Clinical Knowledge Summaries',
    note: 'Red flags and referral urgency for sciatica: cauda equina syndrome, progressive or severe neurological deficit, bilateral symptoms; the usual course of sciatica.',
  },
  {
    id: 'nice-cks-back-pain',
    title: 'Back pain - low (without radiculopathy): Clinical Knowledge Summary',
    kind: 'guideline',
    publisher: 'NICE Clinical Knowledge Summaries',
    note: 'Red flags for cancer, infection, fracture and inflammatory back pain (age at onset, morning stiffness), and the usual course of non-specific low back pain.',
  },
  {
    id: 'girft-cauda-equina',
    title: 'National suspected cauda equina syndrome pathway',
    kind: 'guideline',
    publisher: 'NHS England, Getting It Right First Time (GIRFT)',
    note: 'The cauda equina warning signs (saddle numbness, bladder, bowel or sexual change, bilateral leg symptoms) and the need for same-day emergency assessment.',
  },
  {
    id: 'keele-start-back',
    title: 'The Keele STarT Back Screening Tool',
    kind: 'study',
    publisher: 'Keele University (Hill and colleagues, Arthritis & Rheumatism, 2008)',
    note: 'Nine questions that sort people with back pain into low, medium and high risk of a poor outcome. Copyright Keele University; free for non-commercial use.',
  },
  {
    id: 'sadler-2017-review',
    title:
      'Restriction in lateral bending range of motion, lumbar lordosis, and hamstring flexibility predicts the development of low back pain: a systematic review of prospective cohort studies',
    kind: 'study',
    publisher: 'Sadler and colleagues, BMC Musculoskeletal Disorders, 2017',
    note: 'Pooled the prospective studies linking flexibility to later back pain: the evidence that hamstring flexibility predicts back pain is limited and of low quality.',
  },
  {
    id: 'nhs-sciatica',
    title: 'Sciatica (NHS health A to Z)',
    kind: 'article',
    publisher: 'NHS (UK National Health Service) patient information',
    note: 'Self-care for sciatica: it usually gets better in 4 to 6 weeks but can last longer; keep up normal activities and gentle exercise; ask a pharmacist about painkillers (paracetamol on its own is unlikely to help); a cushion between the knees or pillows under them for sleep; no long spells sitting or lying; no hot-water bottles on numb skin; when to see a GP.',
  },
];

/** Looks a source up by id; the knowledge-base test makes sure every cited id resolves. */
export function sourceById(id: SourceId): Source {
  const found = sources.find((s) => s.id === id);
  if (!found) throw new Error(`unknown source id: ${id}`);
  return found;
}
