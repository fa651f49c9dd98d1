// The seven contributors to back and back-of-thigh pain: how each works, its signs, its codes and how sure we are.
import type { Contributor } from './types.js';
import type { TopicId } from './education.js';

export const contributors: readonly Contributor[] = [
  {
    id: 'lumbar-radiculopathy',
    name: 'Irritated nerve root in the low back (lumbar radiculopathy, "sciatica")',
    summary:
      'A nerve root leaving the low back is pressed on or inflamed, most often by a bulging or torn disc, and sends pain, tingling or numbness down the leg.',
    mechanism: [
      'Between the bones of your low back (the lumbar vertebrae) sit the discs, tough rings with a softer centre that act as cushions. Nerve roots leave the spine through small gaps beside them. If a disc bulges or its centre pushes out through the ring (a herniated or "slipped" disc), it can press directly on a nerve root, and the chemicals released by the damaged disc can inflame it. "Radiculopathy" simply means a problem with a nerve root.',
      'Several of these roots, from the lumbar spine and the sacrum (the triangular bone at the base of the spine), join to form the sciatic nerve, which passes through the buttock into the back of the thigh. When a root is irritated where it leaves the spine, the pain is felt along the nerve\'s path: it starts in the low back or buttock and travels down the leg, often past the knee. That is why a problem in the back can be felt mainly as "hamstring" pain, and why leg symptoms often point back to the spine. The pain along the nerve is what most people call sciatica.',
      'Because a nerve carries feeling and also the signals that move muscles, an irritated root can bring tingling, pins and needles, numbness or weakness in the part of the leg it supplies. Anything that briefly raises the pressure inside the spine, such as a cough, a sneeze or straining, can send a jolt down the leg.',
      'One article suggests that big changes to the curve of the low back may make discs more likely to bulge or herniate. That idea is plausible but not well proven, and most disc problems have no single clear trigger.',
    ],
    typicalSigns: [
      'Points to it: pain that runs from the back or buttock down the leg, often below the knee or into the foot, and is usually worse in the leg than in the back.',
      'Points to it: tingling, pins and needles, numbness or weakness in the leg or foot.',
      'Points to it: leg pain that gets worse when you cough, sneeze or strain.',
      'Points to it: lying on your back and lifting the straight leg brings on pain below the knee, and pulling your toes up towards you makes it worse. This stretches the nerve, not just the muscle.',
      'Points away: the leg raise only gives a pulling feeling in the back of the thigh (that suggests muscle), or the pain stays above the knee with no numbness or weakness.',
      'Get checked: numbness between the legs, bladder or bowel change, symptoms in both legs, or weakness that is getting worse need a doctor urgently (see the warning signs).',
    ],
    icd10: [
      { code: 'M54.1', display: 'Radiculopathy' },
      {
        code: 'M51.1',
        display: 'Lumbar and other intervertebral disc disorders with radiculopathy',
      },
    ],
    evidence: {
      strength: 'strong',
      note: 'That a compressed or inflamed lumbar nerve root causes pain down the leg, with numbness or weakness, is well established and is how the NICE guidance describes sciatica. The suggestion that changes in the low-back curve promote disc herniation comes from one patient-education article and is not well supported.',
    },
    topics: [
      'disc-and-nerve-root',
      'sciatic-nerve',
      'spine-curves',
      'warning-signs',
      'what-to-expect',
      'treatment-options',
    ] satisfies TopicId[],
    sources: [
      'art-causes',
      'art-lbp-sciatica-hamstrings',
      'art-tight-hamstrings-pt',
      'art-back-pain-from-hamstrings',
      'nice-cks-sciatica',
      'nice-ng59',
    ],
  },
  {
    id: 'piriformis-syndrome',
    name: 'Sciatic nerve irritated in the buttock (piriformis syndrome)',
    summary:
      'The sciatic nerve may be squeezed deep in the buttock by a small hip muscle, the piriformis, giving buttock and leg pain that looks like sciatica.',
    mechanism: [
      'The piriformis is a small muscle deep in the buttock that turns the hip outwards. It runs from the sacrum (the triangular bone at the base of the spine) to the top of the thigh bone. The sciatic nerve usually passes just beneath it, and in some people it runs through the muscle.',
      'The idea behind piriformis syndrome is that if this muscle goes into spasm or tightens, it can clamp the nerve as it passes. The irritation then happens outside the spine, in the buttock, rather than at the nerve root. The pain sits deep in the buttock and can spread along the back of the leg, so it closely copies sciatica from the spine.',
      'Sitting puts weight straight onto the buttock, and crossing your legs or turning the hip inwards stretches the piriformis. Both are thought to add pressure where the nerve passes, which would explain why they often bring the pain on.',
    ],
    typicalSigns: [
      'Points to it: deep pain in one buttock when sitting, especially on a hard seat.',
      'Points to it: crossing your legs or turning the hip inwards brings on the buttock or leg pain.',
      'Points to it: the low back itself feels fine and the pain is centred in the buttock.',
      'Points away: pain worse on coughing or sneezing, numbness or weakness below the knee, or a leg raise that sends pain below the knee, which point more to a nerve root in the spine.',
      'Points away: pain that is mainly in the low back and changes with bending.',
    ],
    icd10: [{ code: 'G57.0', display: 'Lesion of sciatic nerve' }],
    evidence: {
      strength: 'weak',
      note: 'Piriformis syndrome is a debated diagnosis: there is no agreed test for it, and the idea that the muscle squeezes the nerve rests mostly on clinical description rather than studies. The product treats it as a possible explanation for buttock-centred pain, not a confirmed one.',
    },
    topics: ['piriformis', 'sciatic-nerve', 'sitting', 'stretching-safely'] satisfies TopicId[],
    sources: ['art-causes', 'art-lbp-sciatica-hamstrings'],
  },
  {
    id: 'hamstring-tightness',
    name: 'Short, tight hamstrings pulling on the pelvis',
    summary:
      'Hamstrings that have become short may tilt the pelvis backward and flatten the low back, putting extra stress on its joints; the link is plausible but weakly supported.',
    mechanism: [
      'Your hamstrings start at the sitting bones (the ischial tuberosities) at the bottom of the pelvis. The pelvis is joined firmly to the sacrum, the base of the spine, so what pulls on the pelvis also pulls on the spine. When the hamstrings are short, they drag the bottom of the pelvis down and rotate it backward (a posterior pelvic tilt). This works against the natural inward curve of the low back and flattens it (hypolordosis). A flatter low back absorbs shock less well, and a pelvis tilted this way makes it harder for the buttock muscles to do their share when you stand and walk, so the low back takes more strain.',
      'A physiotherapist describes two ways this can hurt. If your low back is also stiff, it resists the backward pull, and the stress builds up around the base of the low back or the sacro-iliac joint, where the spine meets the pelvis. If your low back is not stiff, and perhaps a little weak, the pull makes it bend forward too far, and the pain comes from the low back itself. Tight muscles can also simply be sore when they are put under strain, felt near where they attach at the sitting bones.',
      'If only one side is tight, it can tilt the pelvis unevenly. One article suggests this could give an uneven flattening of the low back and, in some people, a sideways curve of the spine (a scoliotic curve). The same article suggests that larger changes to the low-back curve might help set up other problems, such as a disc bulge, or a forward slip of one vertebra on another (spondylolisthesis) in people who already have a small stress crack in the back of a vertebra (spondylolysis). These are possibilities, not established facts.',
      'The sciatic nerve runs through the hamstrings on its way to the knee, so tight hamstrings may also put stress on the nerve. The commonest reason for short hamstrings is sitting a lot, at work, at home and in the car, and not stretching or exercising enough. An old hamstring injury, even years ago, can also leave the muscle shorter.',
    ],
    typicalSigns: [
      'Points to it: the backs of your thighs feel tight, you cannot reach your toes with straight knees, and a straight-leg raise stops early (well short of 80 degrees) with a pull in the back of the thigh.',
      'Points to it: a dull ache or pulling low in the back, worse after long sitting or bending forward, in someone who sits most of the day.',
      'Points away: you can reach your toes or lift the straight leg to 80 degrees or more; then the tight feeling is more likely weakness than short muscle.',
      'Points away: pain or numbness below the knee, or pain made worse by pulling the toes up during the leg raise, which point to the nerve rather than the muscle.',
      'Points away: a sudden sharp pain in the back of the thigh during sprinting, kicking or a stretch, which suggests a torn muscle, not a tight one.',
    ],
    icd10: [{ code: 'M54.5', display: 'Low back pain' }],
    evidence: {
      strength: 'weak',
      note: 'The case that tight hamstrings cause back pain rests on low-quality evidence: a review of studies that followed people over time found only limited, low-quality evidence that less flexible hamstrings go with later back pain (Sadler and colleagues, 2017). Tight hamstrings can also be a result of back pain, or unrelated to it, rather than its cause. One source says "we now know for sure"; we do not. Coded as M54.5 Low back pain: ICD-10 has no code for short hamstrings, and the condition being explained is the back pain.',
    },
    topics: [
      'posterior-chain-pelvic-tilt',
      'sacroiliac-and-lumbar-flexion',
      'spine-curves',
      'cause-or-consequence',
      'tight-or-weak',
      'sitting',
      'stretching-safely',
      'hamstring-anatomy',
    ] satisfies TopicId[],
    sources: [
      'art-tight-hamstrings-pt',
      'art-back-pain-from-hamstrings',
      'art-lbp-sciatica-hamstrings',
      'art-weak-hamstrings',
      'art-causes',
      'sadler-2017-review',
    ],
  },
  {
    id: 'hamstring-weakness',
    name: 'Weak hamstrings leaving the low back to do the work',
    summary:
      'Hamstrings that feel tight are often weak rather than short, and weak hamstrings leave the low-back muscles to compensate until they tire and ache.',
    mechanism: [
      '"Tight" describes a feeling, not a measurement. Many people whose hamstrings feel tight have a full range of movement; what the muscle lacks is strength. Stretching alone often does little for this kind of tightness.',
      'The hamstrings work with the buttock muscles (glutes) and the deep trunk muscles (the core) as the posterior chain, the muscles along the back of the body that keep the pelvis steady and you upright. If the hamstrings are weak, the low-back muscles take over work that is not theirs. Over time they can become overloaded, tired and strained, which you feel as an ache that builds with standing or activity.',
      'Long sitting weakens the hamstrings because they are barely used while you sit. A weak or imbalanced posterior chain may also let the pelvis drift out of its neutral position, changing how load passes through the low back.',
    ],
    typicalSigns: [
      'Points to it: your hamstrings feel tight, yet you can reach your toes or lift a straight leg to 80 degrees or more.',
      'Points to it: the low back tires or aches after standing, walking or activity rather than hurting sharply.',
      'Points to it: you sit most of the day and do little exercise that works the backs of the legs and the buttocks.',
      'Points away: a straight-leg raise that stops well short of 80 degrees with a pull in the thigh, which fits short muscle better.',
      'Points away: pain, numbness or weakness running below the knee, which points to a nerve.',
    ],
    icd10: [{ code: 'M54.5', display: 'Low back pain' }],
    evidence: {
      strength: 'weak',
      note: 'This rests on the opinion of physical therapists and health writers, not on trials. It is a sensible reason to strengthen the backs of the legs, buttocks and trunk, which does no harm and fits the advice to exercise, but it is not proven that weak hamstrings cause back pain. Coded as M54.5 Low back pain: ICD-10 has no code for weak hamstrings, and the condition being explained is the back pain.',
    },
    topics: [
      'tight-or-weak',
      'posterior-chain-pelvic-tilt',
      'sitting',
      'hamstring-anatomy',
      'treatment-options',
    ] satisfies TopicId[],
    sources: ['art-tight-hamstrings-pt', 'art-weak-hamstrings', 'art-causes'],
  },
  {
    id: 'postural-strain',
    name: 'Strain from long sitting and desk set-up (postural strain)',
    summary:
      'Hours in one position, often at a poorly set-up desk or in the car, load the low-back muscles and joints and leave them aching.',
    mechanism: [
      'Staying in one position for a long time keeps the same muscles and joints of the low back under load with little rest. A chair without support for the low back, or a screen you have to lean towards, tends to round the back and lose its natural curve. The tension builds up and overloads the muscles and joints that link the back, pelvis and legs, and the result is an ache that builds the longer you sit.',
      'Sitting is also the commonest reason the hamstrings become tight and weak, so this contributor often travels with hamstring tightness or weakness.',
      'The same strain can come from how you lift. Bending from the back with straight legs makes the low back carry the load; bending the knees with the back kept straight lets the strong leg muscles take it.',
    ],
    typicalSigns: [
      'Points to it: an ache in the low back that builds after sitting for a while and eases when you get up and walk.',
      'Points to it: many hours sitting each day, at a desk, at home or driving, and a sedentary routine.',
      'Points to it: lifting or carrying at work, or lifting with the back rather than the legs.',
      'Points away: pain that is worst at night whatever position you are in, or pain running below the knee with numbness or weakness.',
    ],
    icd10: [{ code: 'M54.5', display: 'Low back pain' }],
    evidence: {
      strength: 'moderate',
      note: 'The evidence that keeping active and breaking up long sitting helps back pain is moderate, and staying active is what the NICE guidance advises. The evidence that a particular posture causes back pain is weak: no single "correct" posture has been shown to prevent it. Desk and lifting advice here comes from a general health article.',
    },
    topics: ['sitting', 'posterior-chain-pelvic-tilt', 'what-to-expect'] satisfies TopicId[],
    sources: [
      'art-causes',
      'art-tight-hamstrings-pt',
      'art-back-pain-from-hamstrings',
      'nice-ng59',
    ],
  },
  {
    id: 'hamstring-strain-injury',
    name: 'Torn or strained hamstring (hamstring strain injury)',
    summary:
      'A hamstring muscle or tendon torn during sprinting, kicking or an over-stretch: sudden pain in the back of the thigh that needs checking before any hamstring stretching.',
    mechanism: [
      'A hamstring strain is damage to the muscle or its tendon, usually when it is stretched hard while working, such as when sprinting, kicking or pushing too far into a stretch. You typically feel a sudden sharp pain in the back of the thigh, and a bruise may appear there over the next day or two.',
      'An injured hamstring can cause some low back pain, but the symptoms are mostly in the leg itself. Most people whose back pain is put down to their hamstrings have no injury at all, only a muscle that has become short.',
      'Stretching a freshly torn muscle can make the tear worse, so the product does not give hamstring stretches until a clinician has looked at it. After a tear, treatment means letting the tissue repair and then rebuilding it step by step, which should settle the symptoms it was causing. An old tear, even one from years ago, can leave the muscle shorter.',
    ],
    typicalSigns: [
      'Points to it: a sudden sharp pain in the back of the thigh during sprinting, kicking or a stretch.',
      'Points to it: bruising on the back of the thigh.',
      'Points to it: symptoms mostly in the thigh, with the back much less affected.',
      'Points away: a gradual ache with no moment of injury, or pain that travels from the back down past the knee with tingling or numbness.',
    ],
    icd10: [
      {
        code: 'S76.3',
        display: 'Injury of muscle and tendon of the posterior muscle group at thigh level',
      },
    ],
    evidence: {
      strength: 'strong',
      note: 'A hamstring strain is a well-recognised, distinct injury. How much it adds to back pain is less certain; the source article says its symptoms concentrate in the leg.',
    },
    topics: [
      'hamstring-anatomy',
      'stretching-safely',
      'treatment-options',
      'warning-signs',
    ] satisfies TopicId[],
    sources: ['art-back-pain-from-hamstrings', 'art-tight-hamstrings-pt'],
  },
  {
    id: 'non-specific-mechanical',
    name: 'Non-specific (mechanical) low back pain',
    summary:
      'Most low back pain has no single cause that can be pinned down; it changes with position and movement and usually gets much better over weeks.',
    mechanism: [
      'For most people with low back pain, no single structure can be identified as the cause, even with a careful examination or a scan. Doctors call this non-specific low back pain. "Mechanical" means it changes with position and movement: some positions and activities make it worse and others ease it.',
      'The back, pelvis and legs work as one connected system, and several small things often add up: the muscles and joints of the back, how much you sit and move, sleep, stress and worry, and how strong and flexible you are. Putting the whole problem down to one muscle, such as the hamstrings, risks missing the rest. One source goes as far as to say that getting the cause wrong is the main reason treatment fails.',
      'Before calling back pain non-specific, a clinician thinks about rarer causes such as a fracture, an infection, cancer, an inflammatory condition of the spine, or pressure on the nerves at the base of the spine (cauda equina syndrome). The warning-sign questions are there to catch these.',
      'Non-specific back pain usually improves a lot over a few weeks. Staying active and carrying on with your normal activities as far as you can, with exercise when you are ready, helps more than resting.',
    ],
    typicalSigns: [
      'Points to it: pain mainly in the low back that changes with position and movement, for example worse bending and easier walking.',
      'Points to it: no numbness, weakness or pain below the knee, and none of the warning signs.',
      'Points to it: no clear single trigger, or a minor strain such as an awkward lift.',
      'Points away: pain running below the knee with numbness or weakness (nerve root), or sudden thigh pain during sport (hamstring tear).',
      'Points away: any warning sign, such as fever, unexplained weight loss, constant night pain or numbness between the legs, which needs a doctor to look for another cause.',
    ],
    icd10: [{ code: 'M54.5', display: 'Low back pain' }],
    evidence: {
      strength: 'strong',
      note: 'That most low back pain is non-specific, usually improves over weeks, and is best managed with exercise, self-management and staying active is the consistent message of the NICE guidance.',
    },
    topics: [
      'what-to-expect',
      'cause-or-consequence',
      'treatment-options',
      'warning-signs',
      'start-back',
      'cold-and-heat',
    ] satisfies TopicId[],
    sources: [
      'nice-ng59',
      'nice-cks-back-pain',
      'art-causes',
      'art-back-pain-from-hamstrings',
      'art-tight-hamstrings-pt',
    ],
  },
];
