// The seven contributors to back and back-of-thigh pain: how each works, its signs, its codes and how sure we are.
import type { Contributor } from './types.js';
import type { TopicId } from './education.js';

export const contributors: readonly Contributor[] = [
  {
    id: 'lumbar-radiculopathy',
    name: 'A pressed nerve root in the low back (sciatica)',
    summary:
      'A nerve leaving the low back is pressed on or swollen, most often by a bulging disc, and sends pain, tingling or numbness down the leg.',
    mechanism: [
      'Between the bones of your low back sit the discs. Each is a tough ring with a soft centre, and it acts as a cushion. Nerve roots leave the spine through small gaps beside the discs. A disc can bulge, or its centre can push out through the ring. This is a herniated or "slipped" disc. It can press on a nerve root, and the damaged disc can give off chemicals that make the root swell. Doctors call a problem with a nerve root "radiculopathy". In the low back it is lumbar radiculopathy.',
      'Several of these roots, from the low back and from the sacrum (the flat bone at the base of the spine), join to form the sciatic nerve. It runs through the buttock into the back of the thigh. When a root is pressed where it leaves the spine, you feel the pain along the nerve. It starts in the low back or buttock and runs down the leg, often past the knee. So a problem in the back can be felt mostly as "hamstring" pain, and leg pain often points back to the spine. Pain along this nerve is what most people call sciatica.',
      'A nerve carries feeling, and also the signals that move muscles. So a pressed root can bring tingling, pins and needles, numbness or weakness in the part of the leg it serves. Anything that briefly raises the pressure in the spine, such as a cough, a sneeze or straining, can send a jolt down the leg.',
      'One article thinks big changes to the curve of the low back may make discs more likely to bulge or burst. That is possible but not well proven. Most disc problems have no one clear trigger.',
    ],
    typicalSigns: [
      'Points to it: pain that runs from the back or buttock down the leg, often below the knee or into the foot. It is most often worse in the leg than in the back.',
      'Points to it: tingling, pins and needles, numbness or weakness in the leg or foot.',
      'Points to it: leg pain that gets worse when you cough, sneeze or strain.',
      'Points to it: lying on your back and lifting the straight leg brings on pain below the knee, and pulling your toes up makes it worse. This stretches the nerve, not just the muscle.',
      'Points away: the leg raise only gives a pull in the back of the thigh, which suggests muscle. Or the pain stays above the knee, with no numbness or weakness.',
      'Get checked: numbness between the legs, a change in your bladder or bowels, pain in both legs, or weakness that is getting worse all need a doctor fast. See the warning signs.',
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
      note: 'It is well known that a pressed or swollen nerve root in the low back causes pain down the leg, with numbness or weakness. This is how the NICE guidance describes sciatica. The idea that changes in the low-back curve help cause a slipped disc comes from one health article and is not well backed up.',
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
    name: 'The sciatic nerve pressed in the buttock (piriformis syndrome)',
    summary:
      'A small muscle deep in the buttock, the piriformis, may squeeze the sciatic nerve and give buttock and leg pain that looks like sciatica.',
    mechanism: [
      'The piriformis is a small muscle deep in the buttock that turns the hip out. It runs from the sacrum, the flat bone at the base of the spine, to the top of the thigh bone. The sciatic nerve most often runs just under it. In some people the nerve runs through the muscle.',
      'The idea behind piriformis syndrome is this. If the muscle goes into spasm or tightens, it may clamp the nerve as it passes. The trouble is then in the buttock, not at the nerve root in the spine. The pain sits deep in the buttock and can spread down the back of the leg. So it looks very much like sciatica from the spine.',
      'Sitting puts weight right on the buttock. Crossing your legs, or turning the hip in, stretches the piriformis. Both are thought to add pressure where the nerve passes. That would explain why they often bring the pain on.',
    ],
    typicalSigns: [
      'Points to it: deep pain in one buttock when sitting, most of all on a hard seat.',
      'Points to it: crossing your legs or turning the hip in brings on the buttock or leg pain.',
      'Points to it: the low back itself feels fine, and the pain is centred in the buttock.',
      'Points away: pain worse when you cough or sneeze, numbness or weakness below the knee, or a leg raise that sends pain below the knee. These point more to a nerve root in the spine.',
      'Points away: pain that is mainly in the low back and changes when you bend.',
    ],
    icd10: [{ code: 'G57.0', display: 'Lesion of sciatic nerve' }],
    evidence: {
      strength: 'weak',
      note: 'Doctors debate whether piriformis syndrome is a real, separate problem. There is no agreed test for it. The idea that the muscle squeezes the nerve rests mostly on what doctors have seen, not on studies. Backchain takes it as one possible cause of pain centred in the buttock, not a proven one.',
    },
    topics: ['piriformis', 'sciatic-nerve', 'sitting', 'stretching-safely'] satisfies TopicId[],
    sources: ['art-causes', 'art-lbp-sciatica-hamstrings'],
  },
  {
    id: 'hamstring-tightness',
    name: 'Short, tight hamstrings pulling on the pelvis',
    summary:
      'Short hamstrings may tip the pelvis back and flatten the low back, which strains its joints. The link makes sense but the proof for it is weak.',
    mechanism: [
      'Your hamstrings start at the sitting bones, at the bottom of the pelvis. Their medical name is the ischial tuberosities. The pelvis is joined firmly to the sacrum, the base of the spine. So what pulls on the pelvis also pulls on the spine. Short hamstrings drag the bottom of the pelvis down and turn it back. This is a posterior pelvic tilt. It works against the natural inward curve of the low back and flattens it. A flat low back is called hypolordosis. It soaks up shock less well. And with the pelvis tipped this way, the buttock muscles find it harder to help when you stand and walk. So the low back takes more strain.',
      'A physio describes two ways this can hurt. If your low back is also stiff, it resists the pull. The strain then builds up at the base of the low back, or at the sacro-iliac joint, where the spine meets the pelvis. If your low back is not stiff, and maybe a little weak, the pull makes it bend forward too far. Then the pain comes from the low back itself. Tight muscles can also just be sore when they are put under strain. You feel this near where they attach, at the sitting bones.',
      'If only one side is tight, it can tip the pelvis unevenly. One article thinks this could flatten the low back more on one side. In some people, it says, it could lead to a sideways curve of the spine (a scoliotic curve). The same article thinks bigger changes to the low-back curve might help set up other problems. One is a bulging disc. Another is spondylolisthesis: one bone of the spine slipping forward on the one below. That is in people who already have spondylolysis, a small stress crack at the back of one of these bones. These are possible, not proven.',
      'The sciatic nerve runs through the hamstrings on its way to the knee. So tight hamstrings may also put strain on the nerve. The most common reason for short hamstrings is sitting a lot, at work, at home and in the car, with too little stretching or exercise. An old hamstring injury, even from years ago, can also leave the muscle shorter.',
    ],
    typicalSigns: [
      'Points to it: the backs of your thighs feel tight. You cannot reach your toes with straight knees. And a straight-leg raise stops early, well short of 80 degrees, with a pull in the back of the thigh.',
      'Points to it: a dull ache or pull low in the back, worse after long sitting or bending forward, in someone who sits most of the day.',
      'Points away: you can reach your toes, or lift the straight leg to 80 degrees or more. Then the tight feeling is more likely weakness than a short muscle.',
      'Points away: pain or numbness below the knee, or pain made worse by pulling the toes up during the leg raise. These point to the nerve, not the muscle.',
      'Points away: a sudden sharp pain in the back of the thigh while sprinting, kicking or stretching. That suggests a torn muscle, not a tight one.',
    ],
    icd10: [{ code: 'M54.5', display: 'Low back pain' }],
    codingNote:
      'Coded as M54.5 Low back pain: ICD-10 has no code for short hamstrings, and the condition being explained is the back pain.',
    evidence: {
      strength: 'weak',
      note: 'The case that tight hamstrings cause back pain rests on low-quality proof. A review of studies that followed people over time found only weak, low-quality proof that stiff hamstrings go with back pain later (Sadler and others, 2017). Tight hamstrings can also be a result of back pain, or have nothing to do with it. One source says "we now know for sure". We do not.',
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
      'Hamstrings that feel tight are often weak, not short. Weak hamstrings leave the low-back muscles to make up for them until they tire and ache.',
    mechanism: [
      '"Tight" is a feeling, not a measure. Many people whose hamstrings feel tight can move them a long way. What the muscle lacks is strength. Stretching alone often does little for this kind of tightness.',
      'The hamstrings work with the buttock muscles (the glutes) and the deep trunk muscles (the core). Together they are the posterior chain: the muscles down the back of the body that keep the pelvis steady and you upright. If the hamstrings are weak, the low-back muscles take over work that is not theirs. In time they can be overloaded, tired and strained. You feel this as an ache that builds as you stand or move about.',
      'Long sitting weakens the hamstrings, because they are barely used while you sit. A weak or uneven posterior chain may also let the pelvis drift out of its neutral place. That changes how load passes through the low back.',
    ],
    typicalSigns: [
      'Points to it: your hamstrings feel tight, yet you can reach your toes or lift a straight leg to 80 degrees or more.',
      'Points to it: the low back tires or aches after standing, walking or being on the go, not a sharp pain.',
      'Points to it: you sit most of the day, and do little that works the backs of the legs and the buttocks.',
      'Points away: a straight-leg raise that stops well short of 80 degrees with a pull in the thigh. That fits a short muscle better.',
      'Points away: pain, numbness or weakness running below the knee, which points to a nerve.',
    ],
    icd10: [{ code: 'M54.5', display: 'Low back pain' }],
    codingNote:
      'Coded as M54.5 Low back pain: ICD-10 has no code for weak hamstrings, and the condition being explained is the back pain.',
    evidence: {
      strength: 'weak',
      note: 'This rests on what physios and health writers think, not on trials. It is a good reason to build strength in the backs of the legs, the buttocks and the trunk. That does no harm and fits the advice to exercise. But it is not proven that weak hamstrings cause back pain.',
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
    name: 'Strain from long sitting and your desk set-up (postural strain)',
    summary:
      'Hours in one position, often at a badly set-up desk or in the car, load the low-back muscles and joints and leave them aching.',
    mechanism: [
      'Staying in one position for a long time keeps the same low-back muscles and joints under load, with little rest. A chair with no support for the low back, or a screen you must lean towards, tends to round the back so it loses its natural curve. The tension builds up. It overloads the muscles and joints that link the back, pelvis and legs. The result is an ache that builds the longer you sit.',
      'Sitting is also the most common reason the hamstrings get tight and weak. So this cause often goes along with tight or weak hamstrings.',
      'The same strain can come from how you lift. Bending from the back with straight legs makes the low back carry the load. Bending the knees with the back kept straight lets the strong leg muscles take it.',
    ],
    typicalSigns: [
      'Points to it: an ache in the low back that builds after sitting for a while, and eases when you get up and walk.',
      'Points to it: many hours sitting each day, at a desk, at home or driving, and little moving about.',
      'Points to it: lifting or carrying at work, or lifting with the back, not the legs.',
      'Points away: pain that is worst at night whatever way you lie, or pain below the knee with numbness or weakness.',
    ],
    icd10: [{ code: 'M54.5', display: 'Low back pain' }],
    codingNote: 'Coded as M54.5 Low back pain: the condition being explained is the back pain.',
    evidence: {
      strength: 'moderate',
      note: 'There is fair proof that keeping active and breaking up long sitting helps back pain. Staying active is what the NICE guidance advises. The proof that one posture causes back pain is weak: no single "correct" posture has been shown to prevent it. The desk and lifting advice here comes from a general health article.',
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
    name: 'A torn or strained hamstring (hamstring strain injury)',
    summary:
      'A hamstring muscle or tendon torn while sprinting, kicking or over-stretching. It gives sudden pain in the back of the thigh, and needs checking before any hamstring stretch.',
    mechanism: [
      'A hamstring strain is damage to the muscle or its tendon. It most often happens when the muscle is stretched hard while it works: sprinting, kicking, or pushing too far into a stretch. You feel a sudden sharp pain in the back of the thigh. A bruise may show there over the next day or two.',
      'A hurt hamstring can cause some low back pain, but the pain is mostly in the leg itself. Most people whose back pain is blamed on their hamstrings have no injury at all, only a muscle that has got short.',
      'Stretching a freshly torn muscle can make the tear worse. So Backchain gives no hamstring stretches until a doctor or physio has looked at it. After a tear, the muscle needs time to mend, and then to be built back up step by step. That should settle the pain it was causing. An old tear, even from years ago, can leave the muscle shorter.',
    ],
    typicalSigns: [
      'Points to it: a sudden sharp pain in the back of the thigh while sprinting, kicking or stretching.',
      'Points to it: bruising on the back of the thigh.',
      'Points to it: pain mostly in the thigh, with the back much less affected.',
      'Points away: an ache that came on slowly with no moment of injury, or pain that runs from the back down past the knee with tingling or numbness.',
    ],
    icd10: [
      {
        code: 'S76.3',
        display: 'Injury of muscle and tendon of the posterior muscle group at thigh level',
      },
    ],
    evidence: {
      strength: 'strong',
      note: 'A hamstring strain is a well-known injury of its own. How much it adds to back pain is less certain. The source article says its pain is mostly in the leg.',
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
    name: 'Common low back pain with no one clear cause (non-specific back pain)',
    summary:
      'Most low back pain has no single cause that can be found. It changes as you move and change position, and it most often gets much better over a few weeks.',
    mechanism: [
      'For most people with low back pain, no single part can be found as the cause, even with a careful check or a scan. Doctors call this non-specific low back pain. It is also called "mechanical" pain. That means it changes with how you sit, stand and move: some things make it worse and others ease it.',
      'The back, pelvis and legs work as one linked whole. Often several small things add up: the muscles and joints of the back, how much you sit and move, sleep, stress and worry, and how strong and supple you are. Blaming the whole problem on one muscle, such as the hamstrings, risks missing the rest. One source goes as far as saying that getting the cause wrong is the main reason care fails.',
      'Before calling back pain non-specific, a doctor thinks about rarer causes. These include a broken bone, an infection, cancer, a swelling (inflammatory) problem of the spine, or pressure on the nerves at the base of the spine (cauda equina syndrome). The warning-sign questions are there to catch these.',
      'This kind of back pain most often gets a lot better in a few weeks. Staying active and keeping up your normal life as far as you can, with exercise when you are ready, helps more than rest.',
    ],
    typicalSigns: [
      'Points to it: pain mainly in the low back that changes as you move, for example worse when you bend and easier when you walk.',
      'Points to it: no numbness, weakness or pain below the knee, and none of the warning signs.',
      'Points to it: no clear single trigger, or a small strain such as an awkward lift.',
      'Points away: pain below the knee with numbness or weakness (a nerve root), or sudden thigh pain during sport (a hamstring tear).',
      'Points away: any warning sign, such as fever, weight loss you cannot explain, constant night pain or numbness between the legs. These need a doctor to look for another cause.',
    ],
    icd10: [{ code: 'M54.5', display: 'Low back pain' }],
    codingNote: 'Coded as M54.5 Low back pain.',
    evidence: {
      strength: 'strong',
      note: 'The NICE guidance is clear and strong on this: most low back pain has no one clear cause, it most often gets better over weeks, and exercise, looking after yourself and staying active are the best care.',
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
