// Education topics: plain-language explanations of the anatomy, the causes, self-care and the warning signs, with sources.
import type { EducationTopic } from './types.js';

export const TOPIC_IDS = [
  'hamstring-anatomy',
  'sciatic-nerve',
  'posterior-chain-pelvic-tilt',
  'disc-and-nerve-root',
  'piriformis',
  'sacroiliac-and-lumbar-flexion',
  'spine-curves',
  'tight-or-weak',
  'sitting',
  'cause-or-consequence',
  'stretching-safely',
  'cold-and-heat',
  'treatment-options',
  'what-to-expect',
  'warning-signs',
  'start-back',
] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

export const educationTopics: readonly EducationTopic[] = [
  {
    id: 'hamstring-anatomy',
    title: 'Your hamstrings: what they are and what they do',
    summary:
      'Three muscles along the back of your thigh that run from the sitting bone of the pelvis to just below the knee, straightening the hip and bending the knee.',
    body: [
      '"Hamstrings" is the everyday name for three muscles and their tendons at the back of the thigh: the semitendinosus and the semimembranosus on the inner side, and the biceps femoris on the outer side.',
      'All three start at the sitting bone, the bony point at the bottom of the pelvis that you can feel when you sit on a hard chair (its medical name is the ischial tuberosity). They run down the back of the thigh and attach just below the knee. Because they cross two joints, the hip and the knee, they do two jobs: they pull the thigh backward (hip extension, as when you push off in walking) and they bend the knee.',
      'You use them to stand upright, to walk, to run and sprint, and to control the knee. Since they are anchored to the pelvis, and the pelvis is joined to the base of the spine, how strong and how long they are can affect the position of the pelvis and the low back.',
      'The sciatic nerve, the main nerve of the leg, runs down the back of the thigh among the hamstrings. So pain felt in the hamstrings can come from the muscle itself, or from a nerve that was irritated higher up in the back.',
    ],
    related: {
      contributors: ['hamstring-tightness', 'hamstring-weakness', 'hamstring-strain-injury'],
      exercises: ['supine-hamstring-gentle', 'glute-bridge', 'good-morning-modified'],
      topics: ['posterior-chain-pelvic-tilt', 'sciatic-nerve', 'tight-or-weak'] satisfies TopicId[],
    },
    sources: [
      'art-tight-hamstrings-pt',
      'art-weak-hamstrings',
      'art-back-pain-from-hamstrings',
      'art-lbp-sciatica-hamstrings',
    ],
  },
  {
    id: 'sciatic-nerve',
    title: 'The sciatic nerve: the cable that links your back and your leg',
    summary:
      'The sciatic nerve is formed from five nerve roots of the low back and sacrum and runs through the buttock and the hamstrings to the back of the knee, which is why back problems are often felt in the leg.',
    body: [
      'Having low back pain together with pain along the back of the leg is common, and the two are usually not separate problems. More often one underlying problem, mechanical or nerve-related, causes both, and leg symptoms are often a sign that the trouble starts in the low back.',
      'The main link is the sciatic nerve. Five nerve roots leave the spine, from the lumbar spine (the low back) and the sacrum (the triangular bone at its base), and join to form it. The result is a thick cable that passes deep through the buttock, beneath or sometimes through the small piriformis muscle, and then down the back of the thigh, running through the hamstrings, to the back of the knee. Above the knee it divides into branches that carry on to the lower leg and foot.',
      'If a nerve root is pressed on, irritated or inflamed where it leaves the spine, you feel it along the nerve: in the buttock, the back of the thigh and sometimes the calf and foot. This is sciatica. The nerve can also be irritated lower down, in the buttock or, some therapists think, by tight hamstrings pulling on it in the thigh.',
      'The nerves that control the muscles at the front and back of the thigh all start in the low back. Because the back and the leg share this nerve supply, pain or inflammation in one area can stir up symptoms elsewhere along the same nerves. That does not mean tight hamstrings always cause nerve pain, but it is one reason to think of the body as a connected system.',
      'This is also why the product never asks you to hold a hamstring stretch into pain or numbness below the knee: stretching the hamstrings also stretches the nerve that runs through them.',
    ],
    related: {
      contributors: ['lumbar-radiculopathy', 'piriformis-syndrome', 'hamstring-tightness'],
      exercises: ['knee-to-chest', 'figure-four', 'supine-hamstring-gentle'],
      topics: [
        'disc-and-nerve-root',
        'piriformis',
        'hamstring-anatomy',
        'stretching-safely',
      ] satisfies TopicId[],
    },
    sources: [
      'art-causes',
      'art-lbp-sciatica-hamstrings',
      'art-tight-hamstrings-pt',
      'nice-cks-sciatica',
    ],
  },
  {
    id: 'posterior-chain-pelvic-tilt',
    title: 'The posterior chain and the tilt of your pelvis',
    summary:
      'Your hamstrings, buttock muscles and trunk muscles work as a chain that holds the pelvis level; when it is out of balance the pelvis can tilt backward and flatten the low back.',
    body: [
      'The posterior chain is the group of muscles along the back of your body that pass force between your trunk and your legs: mainly the hamstrings and the buttock muscles (glutes), working with the deep trunk muscles (your core). Together they keep the lower body stable as you move and hold you upright. At the front, the hip flexors (the muscles that lift the thigh towards the belly) pull the other way. When the front and back are balanced, the pelvis sits in a neutral position.',
      'If the hamstrings are short, or weak, that balance is upset. Short hamstrings pull the bottom of the pelvis down and back so that it tucks under you: a posterior pelvic tilt. That flattens the natural inward curve of your low back (the lumbar lordosis). A flatter low back puts more pressure on the discs (the cushions between the vertebrae) and the facet joints (the small joints at the back of each vertebra), and it is less able to absorb shock, so everyday loads strain it more; one surgeon suggests this may also further irritate the nerves in the spine. With the pelvis tilted, the glutes also find it harder to help when you stand and walk, leaving more of the work to the low back.',
      'Weak hamstrings cause a related problem: the low-back muscles work harder to make up for the missing support from the back of the legs, and over time they tire and ache. When any part of the chain is out of balance, the whole trunk becomes less stable.',
      'What helps, according to the articles: strong abdominal and side-trunk (oblique) muscles to steady the low back and take strain off its discs and joints; strong glutes and hip flexors that move freely, to keep the pelvis level; and lifting with your knees bent and back straight so the legs, not the back, carry the load.',
    ],
    evidenceNote:
      'This is a reasonable mechanical explanation, repeated by several articles, but it has not been well tested. The review of studies that followed people over time found only limited, low-quality evidence that less flexible hamstrings, or a flatter low back, go with later back pain.',
    related: {
      contributors: ['hamstring-tightness', 'hamstring-weakness', 'postural-strain'],
      exercises: [
        'abdominal-brace',
        'glute-bridge',
        'good-morning-modified',
        'standing-march',
        'supine-straight-leg-raise',
      ],
      topics: [
        'hamstring-anatomy',
        'spine-curves',
        'sacroiliac-and-lumbar-flexion',
        'tight-or-weak',
      ] satisfies TopicId[],
    },
    sources: [
      'art-causes',
      'art-tight-hamstrings-pt',
      'art-weak-hamstrings',
      'art-back-pain-from-hamstrings',
      'sadler-2017-review',
    ],
  },
  {
    id: 'disc-and-nerve-root',
    title: 'Discs and nerve roots: how sciatica from the back happens',
    summary:
      'A bulging or herniated disc can press on or inflame a nerve root in the low back, giving pain, tingling, numbness or weakness down the leg.',
    body: [
      'Between each pair of vertebrae (the bones of the spine) sits a disc: a tough outer ring with a softer, jelly-like centre that cushions the spine. Beside each disc, a nerve root leaves the spine on its way to the leg.',
      'If a disc bulges, or its centre pushes out through a weak spot in the ring (a herniated disc), it can press on the nerve root next to it and inflame it. This is lumbar radiculopathy, the commonest cause of sciatica. The pain usually starts in the low back or buttock and shoots down the leg, often below the knee, and can come with tingling, numbness or weakness. Coughing, sneezing or straining can make the leg pain worse for a moment.',
      'A simple test helps tell nerve pain from muscle pain. Lying on your back, you or a helper raise one leg with the knee straight (the straight-leg raise). This stretches both the hamstrings and the sciatic nerve. If it brings on pain below the knee, and pulling your toes up towards you at that point makes it worse, the nerve is the likely source. If it only pulls in the back of the thigh, the muscle is more likely.',
      'Most disc-related sciatica settles without surgery as the irritation of the nerve calms down, though this can take longer than ordinary back pain. Numbness or weakness that is spreading or getting worse, or any sign of pressure on the nerves to the bladder and bowel, needs a doctor urgently.',
    ],
    evidenceNote:
      'One article says it is "well known" that big changes in the low-back curve contribute to disc bulging and herniation. That is stated more firmly than the evidence allows: it is a possibility, not an established cause.',
    related: {
      contributors: ['lumbar-radiculopathy'],
      exercises: ['knee-to-chest', 'abdominal-brace'],
      topics: [
        'sciatic-nerve',
        'spine-curves',
        'warning-signs',
        'what-to-expect',
        'treatment-options',
      ] satisfies TopicId[],
    },
    sources: ['art-causes', 'art-back-pain-from-hamstrings', 'nice-cks-sciatica', 'nice-ng59'],
  },
  {
    id: 'piriformis',
    title: 'The piriformis: a small hip muscle over the sciatic nerve',
    summary:
      'The piriformis is a small muscle deep in the buttock; the sciatic nerve passes beneath or through it, and if it tightens it may irritate the nerve and mimic sciatica.',
    body: [
      'The piriformis is a small muscle deep in the buttock that turns the hip outwards. The sciatic nerve usually runs just underneath it, and in some people it passes through the muscle.',
      'If the piriformis goes into spasm or tightens, it may squeeze the nerve. The irritation then comes from the buttock, outside the spine, and produces deep buttock pain that can spread into the back of the thigh and leg, very like sciatica from a disc. This is called piriformis syndrome.',
      'Clues that point this way: deep pain in one buttock when you sit, especially on a hard seat, and pain brought on by crossing your legs or turning the hip inwards, with the low back itself feeling fine. A physiotherapist writing about the hamstrings makes the same point about the piriformis: a tight muscle near the sciatic nerve can affect the low back and the nerve.',
      'The figure-four stretch, lying on your back with one ankle crossed over the opposite knee, targets the piriformis and is used to ease pressure on the nerve. Move slowly and stop at once if the pain sharpens or spreads further down the leg.',
    ],
    evidenceNote:
      'Piriformis syndrome is a debated diagnosis. There is no agreed test for it, and clinicians disagree about how often it happens. Treat it as one possible explanation for buttock-centred pain, and see a clinician if the leg symptoms are strong or you have numbness or weakness.',
    related: {
      contributors: ['piriformis-syndrome', 'lumbar-radiculopathy'],
      exercises: ['figure-four'],
      topics: ['sciatic-nerve', 'sitting', 'stretching-safely'] satisfies TopicId[],
    },
    sources: ['art-causes', 'art-lbp-sciatica-hamstrings'],
  },
  {
    id: 'sacroiliac-and-lumbar-flexion',
    title: 'Two ways tight hamstrings may hurt the low back',
    summary:
      'If your low back is stiff, the pull of tight hamstrings may stress the base of the back and the sacro-iliac joint; if it is loose or weak, it may make the low back bend too far.',
    body: [
      'A physiotherapist describes tight hamstrings as one form of muscle imbalance: muscles that are too tight or too weak for the work they share can cause pain. The hamstrings are a frequent example, usually through tightness.',
      'The hamstrings attach to the bottom of the pelvis, near the bony points you sit on. When they are tight, they pull the base of the pelvis down and tip it backward. What happens next depends on your low back.',
      'If your low back is also tight, it resists that backward rotation. The two pulls meet around the base of the low back and the sacro-iliac joint (the joint on each side where the base of the spine, the sacrum, meets the pelvis), and the extra stress there can cause pain.',
      'If your low back is not particularly tight, and perhaps a little weak, nothing resists the pull. Instead the low back is drawn into bending forward too far (over-flexion), and the pain comes from the low back itself rather than the sacro-iliac joint.',
      'Either way, the suggested approach is to gently lengthen the hamstrings to take that pull off the low back, the sacro-iliac joint and the sciatic nerve, while keeping the low back in a neutral position and gently tightening the stomach muscles so the back and pelvis stay steady. Stretching alone rarely settles the pain, so other stretching or strengthening exercises usually need to be added.',
    ],
    evidenceNote:
      "These two mechanisms are one physiotherapist's clinical reasoning, not the result of studies. The article also says that as the hamstrings loosen, healing will follow and the pain will resolve; that is a hope, not a promise, and the link between hamstring flexibility and back pain rests on low-quality evidence.",
    related: {
      contributors: ['hamstring-tightness', 'hamstring-weakness'],
      exercises: ['supine-hamstring-gentle', 'abdominal-brace', 'glute-bridge'],
      topics: [
        'posterior-chain-pelvic-tilt',
        'stretching-safely',
        'tight-or-weak',
        'cause-or-consequence',
      ] satisfies TopicId[],
    },
    sources: ['art-lbp-sciatica-hamstrings', 'sadler-2017-review'],
  },
  {
    id: 'spine-curves',
    title: 'The curves of your spine and what may change them',
    summary:
      'Your low back has a natural inward curve; a backward-tilted pelvis may flatten it, and some articles link this to disc bulges, a sideways curve or a slipped vertebra, on weak evidence.',
    body: [
      'Seen from the side, your low back curves gently inwards. This curve (the lumbar lordosis) helps support your weight, soak up shock and let you move freely through a full range of activities.',
      'The pelvis is joined directly to the sacrum, the part of the spine between the low back and the tailbone. So when short hamstrings pull the back of the pelvis down and tilt it backward, the low back loses some of its curve. A flatter-than-normal low back is called hypolordosis.',
      'If only one leg has tight hamstrings, the pull may tilt the pelvis on that side only. One article suggests this could flatten the low back unevenly and, in some people, encourage a sideways curve of the spine (a scoliotic curve).',
      'The same article suggests that large changes in the low-back curve may set the scene for other problems: discs bulging or herniating, and spondylolisthesis, where one vertebra slips forward on the one below. It links this mainly to people who have spondylolysis, a small stress crack in the bony bridge at the back of a vertebra.',
      'Hamstrings that are short and tense can also simply be painful when they are strained, and that pain may be felt near where they attach to the pelvis at the sitting bones.',
    ],
    evidenceNote:
      'The article these ideas come from presents them with great confidence ("we now know for sure", "it is well known"). The evidence does not support that certainty. The review of studies that followed people over time found only limited, low-quality evidence linking a flatter low back or less flexible hamstrings to later back pain, and the links to disc bulging, a sideways curve and spondylolisthesis are possibilities, not established causes.',
    related: {
      contributors: ['hamstring-tightness', 'lumbar-radiculopathy'],
      exercises: ['abdominal-brace', 'glute-bridge', 'supine-hamstring-gentle'],
      topics: [
        'posterior-chain-pelvic-tilt',
        'disc-and-nerve-root',
        'cause-or-consequence',
      ] satisfies TopicId[],
    },
    sources: ['art-back-pain-from-hamstrings', 'art-weak-hamstrings', 'sadler-2017-review'],
  },
  {
    id: 'tight-or-weak',
    title: 'Tight or weak? Why stretching alone is rarely enough',
    summary:
      'A "tight" feeling in the hamstrings is often a sign of weakness rather than short muscle, so strengthening matters as much as stretching.',
    body: [
      '"Tight" describes what you feel, not how long the muscle is. Many people whose hamstrings feel tight turn out to have plenty of flexibility; the muscle is weak and complains when it has to work. If that is you, stretching on its own may not bring much relief.',
      'A quick way to tell: stand with your knees straight and reach for your toes, or lie on your back and lift one straight leg. If you can reach your toes, or lift the leg to about 80 degrees or more, yet still feel tight, weakness is the more likely story. If you fall well short, the muscle may really be short.',
      'Strength and flexibility go together. Exercises that make the hamstrings, buttocks and trunk work build muscle and, over time, increase how far you can move, not just how strong you are. Bridges work the hamstrings, buttocks and trunk together, and a slow hip hinge (the modified good morning) teaches the hips, not the low back, to do the bending while waking up the hamstrings. That is why the programme pairs stretches with strengthening, and why the therapists writing about this say that stretching alone is unlikely, though not impossible, to settle back pain.',
      'Massage guns and other percussion devices may give short-lived relief, but one practitioner warns that the repeated hammering can make the muscle tighten up in response. Use them sparingly on the hamstrings and back, if at all.',
    ],
    evidenceNote:
      'The idea that tightness often means weakness, and the caution about massage guns, come from the opinions of therapists quoted in consumer articles, not from trials. The 80-degree mark is a rough guide, not a diagnostic cut-off.',
    related: {
      contributors: ['hamstring-weakness', 'hamstring-tightness'],
      exercises: [
        'glute-bridge',
        'supine-straight-leg-raise',
        'standing-march',
        'good-morning-modified',
        'supine-hamstring-gentle',
      ],
      topics: ['posterior-chain-pelvic-tilt', 'stretching-safely', 'sitting'] satisfies TopicId[],
    },
    sources: ['art-tight-hamstrings-pt', 'art-lbp-sciatica-hamstrings', 'art-weak-hamstrings'],
  },
  {
    id: 'sitting',
    title: 'Why sitting matters, and what to do about it',
    summary:
      'Long sitting is the main reason hamstrings become tight and weak, and it loads the low back; breaking it up every 30 to 60 minutes and setting up your desk well both help.',
    body: [
      'For most people, hours of sitting, at work, at home and in the car, are the commonest reason the hamstrings become tight. Sitting also weakens them, because a muscle that is barely used loses strength. Not stretching or exercising enough adds to both.',
      'Sitting still for a long time also keeps the same low-back muscles and joints under load. If your back aches more the longer you sit and eases when you walk about, sitting is probably part of the picture.',
      'If your job or travel makes sitting unavoidable, the aim is to break it up rather than to give it up. Stand up and walk for a few minutes every 30 to 60 minutes; standing and walking breaks also ease hamstring tightness. Being more active overall and sitting less has benefits well beyond your back.',
      'Set up your desk so that it supports the natural curve of your back: a chair with support for the low back, and a screen at eye level so you are not leaning forward or looking down. Deep pain in the buttock on sitting, especially on hard seats, is a clue to the piriformis, so a softer seat may help too.',
    ],
    evidenceNote:
      'That staying active and breaking up sitting helps is reasonably well supported. That a particular sitting posture causes back pain is not: the desk advice here is sensible and low-risk, but comes from general health articles.',
    related: {
      contributors: [
        'postural-strain',
        'hamstring-tightness',
        'hamstring-weakness',
        'piriformis-syndrome',
      ],
      exercises: ['standing-march', 'glute-bridge', 'supine-hamstring-gentle'],
      topics: ['tight-or-weak', 'posterior-chain-pelvic-tilt', 'piriformis'] satisfies TopicId[],
    },
    sources: [
      'art-tight-hamstrings-pt',
      'art-back-pain-from-hamstrings',
      'art-causes',
      'nice-ng59',
    ],
  },
  {
    id: 'cause-or-consequence',
    title: 'Are tight hamstrings the cause, or a result, of your back pain?',
    summary:
      'Tight hamstrings may cause back pain, may be caused by it, or may have nothing to do with it; the evidence for the link is of low quality, so look at the whole body.',
    body: [
      'Tight hamstrings are often blamed for back pain, mostly by hands-on practitioners such as physiotherapists, chiropractors and sports doctors, who can see changes in posture and walking and feel the tension in the muscle. Spine specialists such as orthopaedic surgeons and neurologists suggest it far less often. Many people with back pain do have tight hamstrings, but that does not prove one causes the other.',
      'The tension can run the other way. A problem in the spine, the pelvis (including its large wing-shaped bones, the ilia), the hip or the knee can change how the pelvis and spine sit, and the hamstrings can tighten in response. Changes in the curve of the spine from a disc or vertebra problem can lead to tight hamstrings over time, especially in someone who sits a lot and whose pelvis has tipped backward. Even the lower back and hamstrings can be linked both ways: a tight hamstring may strain the back, and a back problem may be felt as hamstring pain.',
      "Sometimes the hamstrings are tight, the low back is flatter than usual, and yet the pain comes from something else altogether: a nerve problem not caused by the spine's structure, an illness affecting the whole body, an injury somewhere else, or stress and emotional strain. Worry, low mood and fear of moving can make back pain last longer, which is why the STarT Back questions ask about them.",
      'One article argues that getting the cause wrong is the main reason people do badly, sometimes for years, and sometimes after surgery that did not help. Whether or not that is true, it is good advice to learn about your own condition, ask questions and take part in decisions about your care. A chiropractor quoted in another article makes the same point: treat your body as one connected system rather than blaming a single spot or muscle. Pain in your back can start somewhere else, through a chain of events built up by daily habits.',
    ],
    evidenceNote:
      'The evidence that tight hamstrings cause back pain is limited and of low quality: a 2017 review of studies that followed people over time found only a weak, low-quality link, which cannot show which came first. One source says "we now know for sure" that hamstrings cause back pain; it does not, and the same source admits the tension is often a result of the pain. Its further claims, that a great deal of chronic back pain is psychological, that tense hamstrings can come from a mind-driven drop in blood and oxygen supply to the muscle (which the author compares to what distance runners go through), and that misdiagnosis is the main reason for poor outcomes, are the author\'s views from practice, not findings from studies.',
    related: {
      contributors: [
        'hamstring-tightness',
        'hamstring-weakness',
        'non-specific-mechanical',
        'lumbar-radiculopathy',
      ],
      exercises: [],
      topics: [
        'spine-curves',
        'treatment-options',
        'start-back',
        'posterior-chain-pelvic-tilt',
      ] satisfies TopicId[],
    },
    sources: [
      'sadler-2017-review',
      'art-back-pain-from-hamstrings',
      'art-tight-hamstrings-pt',
      'art-causes',
      'keele-start-back',
    ],
  },
  {
    id: 'stretching-safely',
    title: 'How to stretch safely',
    summary:
      'Stop at the first feeling of stretch, never push into pain, stop at once if pain sharpens or spreads, and progress only when a stretch has felt too easy twice running.',
    body: [
      'Start gradually, with the gentlest version of each exercise. If your pain is recent or has lasted a long time, it is worth asking a physiotherapist or doctor before you begin, and always if you think you may have injured a muscle.',
      'Move slowly into each stretch and stop as soon as you feel a gentle pull. A stretch should never hurt. If the pain sharpens, or spreads further down your leg, stop that exercise straight away. The programme will offer you a gentler one.',
      'When stretching the hamstrings lying on your back, keep your low back in its natural, neutral position rather than pressing it flat into the floor, and gently tighten your stomach muscles. That steadies the back and pelvis while the hamstrings lengthen. With tight hamstrings, your foot may stop well short of pointing at the ceiling; that is expected, not a failure. Stretches done lying on your back, with the leg resting against a wall or looped in a strap, are gentle on the low back, and simple low-impact stretching like this helps the muscle regain its normal length so it tugs less on the pelvis.',
      'Move on to a harder stretch only when the current one has felt too easy for two sessions in a row. Pair stretches with strengthening: stretching on its own rarely settles back pain.',
      'Two situations need extra care. If you may have torn a hamstring (sudden sharp pain in the back of the thigh during sport or a stretch), do not stretch the hamstrings until a clinician has checked it. If you have pain or numbness below the knee, never hold a hamstring stretch into those leg symptoms, because the sciatic nerve runs through the hamstrings and is stretched with them.',
    ],
    related: {
      contributors: [
        'hamstring-tightness',
        'lumbar-radiculopathy',
        'hamstring-strain-injury',
        'piriformis-syndrome',
      ],
      exercises: [
        'supine-hamstring-gentle',
        'supine-hamstring-strap',
        'hamstring-wall-stretch',
        'active-hamstring-stretch',
        'knee-to-chest',
        'figure-four',
        'abdominal-brace',
      ],
      topics: ['tight-or-weak', 'sciatic-nerve', 'warning-signs'] satisfies TopicId[],
    },
    sources: [
      'art-causes',
      'art-tight-hamstrings-pt',
      'art-lbp-sciatica-hamstrings',
      'art-weak-hamstrings',
    ],
  },
  {
    id: 'cold-and-heat',
    title: 'Cold and heat during a flare-up',
    summary:
      'In the first 48 hours of a flare-up a wrapped cold pack can numb pain and calm swelling; after that, moist heat can relax tight muscles.',
    body: [
      'When your back flares up, the first aim is to settle the inflammation and the muscle spasm. For the first 48 hours, a cold pack or ice inside a towel can numb the sore area and reduce swelling. Use it for up to 15 to 20 minutes at a time, and never put ice straight on the skin.',
      'After those first two days, switch to moist heat, such as a heating pad or a warm damp towel. Warmth increases blood flow, helps tight muscles relax and can dampen pain signals.',
      'Keep gently moving at the same time. Slow, easy movements such as lying on your back and drawing one knee towards your chest can ease tension during a flare. Do not use heat or cold on skin that is numb, because you may not feel it if it becomes too hot or too cold.',
    ],
    evidenceNote:
      'Cold and heat are simple comfort measures from a general health article. They can make pain easier to live with while it settles, but they do not change the underlying problem.',
    related: {
      contributors: ['non-specific-mechanical', 'postural-strain', 'lumbar-radiculopathy'],
      exercises: ['knee-to-chest'],
      topics: ['what-to-expect', 'stretching-safely'] satisfies TopicId[],
    },
    sources: ['art-causes'],
  },
  {
    id: 'treatment-options',
    title: 'Treatment options: what comes first',
    summary:
      'Exercise, self-management and physiotherapy come first; surgery to release the hamstrings has poor results, and spinal surgery is kept for sciatica that does not settle.',
    body: [
      'The NICE guideline on low back pain and sciatica puts exercise and self-management first: understanding what is going on, staying as active as you can and carrying on with normal activities. Manual therapy (hands-on treatment such as manipulation or massage) and psychological approaches can be added, but as part of a package that includes exercise, not on their own. Scans are not needed for most people with back pain.',
      'When tight hamstrings seem to be part of the problem, physical therapy is the first step. A physiotherapist uses stretches and strengthening exercises to rebalance the muscles and ease their pull on the pelvis. Being more active and sitting less also helps, and is good for your health in many other ways.',
      'A few people whose tightness does not respond to this are offered surgery to release (lengthen) the hamstrings. The results for long-standing tightness are disappointing: many people still have the same pain, or different pain, afterwards.',
      'If a hamstring has actually been torn, treatment means letting it repair, sometimes with surgery for a severe tear, and then a structured rehabilitation programme. For sciatica from a disc, an operation to take pressure off the nerve can be considered when non-surgical treatment has not helped and scans match the symptoms.',
    ],
    evidenceNote:
      'One article says physical therapy succeeds in "most cases" of hamstring tightness; no figures are given, and the link between hamstring tightness and back pain is itself weakly supported. The first-line place of exercise and self-management comes from the NICE guideline.',
    related: {
      contributors: [
        'hamstring-tightness',
        'hamstring-weakness',
        'hamstring-strain-injury',
        'lumbar-radiculopathy',
        'non-specific-mechanical',
      ],
      exercises: ['abdominal-brace', 'glute-bridge', 'supine-hamstring-gentle'],
      topics: ['what-to-expect', 'cause-or-consequence', 'start-back'] satisfies TopicId[],
    },
    sources: ['nice-ng59', 'art-back-pain-from-hamstrings', 'art-tight-hamstrings-pt'],
  },
  {
    id: 'what-to-expect',
    title: 'What to expect over the coming weeks',
    summary:
      'Most new low back pain and sciatica get much better over a few weeks, many within about six; sciatica can take longer, flare-ups are common, and keeping active helps.',
    body: [
      'Most episodes of new low back pain improve a lot within a few weeks, and many people are much better within about six weeks. Sciatica often takes longer to settle, but it too usually improves without surgery.',
      'Keep as active as you can and carry on with your normal routine, adjusting it rather than stopping. Resting in bed for long does not help and can slow recovery. Exercise and understanding what is happening are the first-line treatments.',
      'Flare-ups are common, even while you are recovering overall. A flare does not usually mean new damage; ease back for a day or two, use cold or heat, and return to your exercises gently.',
      'If you are not clearly getting better within 2 to 6 weeks, book a review with a GP or physiotherapist. Pain that has lasted more than 12 weeks also deserves a review. Whenever a warning sign appears, get help at once rather than waiting.',
    ],
    related: {
      contributors: ['non-specific-mechanical', 'lumbar-radiculopathy', 'postural-strain'],
      exercises: ['knee-to-chest', 'abdominal-brace', 'glute-bridge'],
      topics: [
        'warning-signs',
        'treatment-options',
        'cold-and-heat',
        'start-back',
      ] satisfies TopicId[],
    },
    sources: ['nice-ng59', 'nice-cks-back-pain', 'nice-cks-sciatica'],
  },
  {
    id: 'warning-signs',
    title: 'Warning signs: when to get help, and how fast',
    summary:
      'A few symptoms mean your back or leg pain needs a doctor today or an emergency department now; here is what they are and what to do for each.',
    body: [
      'Go to an emergency department now, or call the emergency number, and do not wait to see if it settles, if you have: numbness or tingling around the genitals, back passage or inner thighs (saddle numbness); new difficulty starting or stopping urine, a weak flow or loss of bladder control; new loss of bowel control or of the feeling that you need to go; new loss of sexual function or genital feeling together with leg symptoms; numbness or weakness in both legs; a foot that slaps or catches and is getting worse (worsening foot drop); or pain that began after a major accident such as a fall from a height or a road collision. Numbness between the legs and bladder or bowel changes can mean the bundle of nerves at the base of the spine (the cauda equina) is being squeezed, which needs treatment within hours.',
      'Speak to a doctor today (a same-day GP appointment, urgent care or a phone triage line) if you have: leg weakness that is getting worse; a foot drop that is not getting worse; pain in both legs without numbness or weakness; a fever, chills or feeling generally unwell with the back pain; pain after a minor fall if you have osteoporosis, take long-term steroid tablets or are 70 or older; a past cancer together with unexplained weight loss, constant night pain or pain between the shoulder blades; or severe pain, 8 out of 10 or more. These can point to a nerve under pressure, an infection, a fracture or, rarely, cancer.',
      'Book an appointment with a GP or physiotherapist within 1 to 2 weeks if you have: pain or numbness reaching below the knee, together with pins and needles, numbness or weakness in the leg; a past cancer, unexplained weight loss, constant night pain or pain between the shoulder blades (on their own); a weakened immune system; new back pain starting before 20 or after 55; stiffness for more than 30 minutes each morning that eases with movement, under 45 and lasting more than 12 weeks; pain lasting more than 12 weeks; or a suspected hamstring tear.',
      'The product asks these questions at the start and again at each check-in. If any of them changes to yes, the programme pauses and tells you what to do. If you are ever unsure, it is always right to seek medical advice.',
    ],
    related: {
      contributors: ['lumbar-radiculopathy', 'hamstring-strain-injury', 'non-specific-mechanical'],
      exercises: [],
      topics: ['what-to-expect', 'disc-and-nerve-root', 'start-back'] satisfies TopicId[],
    },
    sources: [
      'girft-cauda-equina',
      'nice-cks-sciatica',
      'nice-cks-back-pain',
      'nice-ng59',
      'art-causes',
    ],
  },
  {
    id: 'start-back',
    title: 'Your STarT Back score: what it means',
    summary:
      'The STarT Back tool uses nine questions to sort back pain into low, medium or high risk of a slow recovery, so that the amount of support can match your needs.',
    body: [
      'The Keele STarT Back Screening Tool is a short questionnaire developed at Keele University. Its nine questions ask about things known to affect how back pain turns out: whether pain spreads down the leg, pain elsewhere, how much the pain limits walking and dressing, and how you feel about it, such as worry, fear that activity is unsafe, low mood and how bothersome the pain is. The last five questions form the distress part of the score.',
      'Low risk (a total of 3 or less) means you are likely to do well with good information, reassurance and self-management: staying active and following a simple exercise plan like this one.',
      'Medium risk (a total of 4 or more, but 3 or less on the distress questions) suggests physical factors are holding things up, and a course of physiotherapy is likely to help.',
      'High risk (4 or more on the distress questions) means that worry, low mood or fear of movement are a big part of the picture. That is common and nothing to be ashamed of, and it responds to treatment: a physiotherapist or team who address both the physical and the emotional side can help. The product suggests booking an appointment within 1 to 2 weeks. The NICE guideline recommends using a tool like this at the first contact to decide how much support you need.',
    ],
    evidenceNote:
      'The score predicts the chance of a slow recovery across groups of people; it does not diagnose the cause of your pain or decide your outcome. The tool is copyright Keele University and free for non-commercial use.',
    related: {
      contributors: ['non-specific-mechanical'],
      exercises: [],
      topics: ['what-to-expect', 'treatment-options', 'cause-or-consequence'] satisfies TopicId[],
    },
    sources: ['keele-start-back', 'nice-ng59'],
  },
];
