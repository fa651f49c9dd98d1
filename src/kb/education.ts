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
      'Three muscles at the back of your thigh. They run from the sitting bone of the pelvis to just below the knee. They straighten the hip and bend the knee.',
    body: [
      '"Hamstrings" is the everyday name for three muscles and their tendons at the back of the thigh. Two lie on the inner side: the semitendinosus and the semimembranosus. One lies on the outer side: the biceps femoris.',
      'All three start at the sitting bone. This is the bony point at the bottom of the pelvis that you feel when you sit on a hard chair. Its medical name is the ischial tuberosity. The muscles run down the back of the thigh and attach just below the knee.',
      'Because they cross two joints, the hip and the knee, they have two jobs. They pull the thigh back, as when you push off in walking. And they bend the knee.',
      'You use them to stand up straight, to walk, to run and to sprint, and to steady the knee. They are fixed to the pelvis, and the pelvis is joined to the base of the spine. So how strong and how long they are can change the set of the pelvis and the low back.',
      'The sciatic nerve, the main nerve of the leg, runs down the back of the thigh among the hamstrings. So pain in the hamstrings can come from the muscle itself. Or it can come from a nerve that is sore higher up, in the back.',
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
      'The sciatic nerve is made from five nerve roots of the low back and the base of the spine. It runs through the buttock and the hamstrings to the back of the knee. That is why back problems are often felt in the leg.',
    body: [
      'Low back pain with pain down the back of the leg is common. The two are most often not two problems. More often one problem, in the joints or in a nerve, causes both. Leg pain is often a sign that the trouble starts in the low back.',
      'The main link is the sciatic nerve. Five nerve roots leave the spine, from the low back and from the sacrum, the flat bone at the base of the spine. They join to form one thick cable. It runs deep through the buttock, under the small piriformis muscle or sometimes through it. Then it runs down the back of the thigh, through the hamstrings, to the back of the knee. Above the knee it splits into branches to the lower leg and foot.',
      'A nerve root can be pressed on or swollen where it leaves the spine. Then you feel it along the nerve: in the buttock, the back of the thigh, and sometimes the calf and foot. This is sciatica. The nerve can also be bothered lower down, in the buttock. Some therapists think tight hamstrings can pull on it in the thigh.',
      'The nerves to the muscles at the front and back of the thigh all start in the low back. The back and the leg share these nerves. So pain or swelling in one place can stir up pain in another place along the same nerves. That does not mean tight hamstrings always cause nerve pain. But it is one reason to think of the body as one linked whole.',
      'This is also why Backchain never asks you to hold a hamstring stretch into pain or numbness below the knee. Stretching the hamstrings also stretches the nerve that runs through them.',
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
      'Your hamstrings, buttock muscles and trunk muscles work as a chain that holds the pelvis level. When the chain is out of balance, the pelvis can tip back and flatten the low back.',
    body: [
      'The posterior chain is the group of muscles along the back of your body. They pass force between your trunk and your legs. The main ones are the hamstrings and the buttock muscles (the glutes). They work with the deep trunk muscles, your core. Together they keep the lower body steady as you move, and hold you up straight. At the front, the hip flexors pull the other way. These are the muscles that lift the thigh towards the belly. When front and back are in balance, the pelvis sits in its neutral place.',
      'Short or weak hamstrings upset that balance. Short hamstrings pull the bottom of the pelvis down and back, so it tucks under you. This is called a posterior pelvic tilt. It flattens the natural inward curve of your low back, the lumbar lordosis.',
      'A flat low back puts more load on the discs, the cushions between the bones of the spine. It also loads the facet joints, the small joints at the back of each bone. It takes shock less well, so daily loads strain it more. One surgeon thinks this may also bother the nerves in the spine. With the pelvis tipped back, the glutes find it harder to help when you stand and walk. That leaves more of the work to the low back.',
      'Weak hamstrings cause a linked problem. The low-back muscles work harder to make up for the missing help from the back of the legs. In time they tire and ache. When any part of the chain is out of balance, the whole trunk is less steady.',
      'What helps, the articles say: strong belly and side muscles to steady the low back and take strain off its discs and joints. Strong glutes, and hip flexors that move freely, to keep the pelvis level. And lifting with your knees bent and your back straight, so the legs, not the back, take the load.',
    ],
    evidenceNote:
      'This is a sensible idea about how the body works, and several articles repeat it. But it has not been well tested. A review of studies that followed people over time found only weak, low-quality proof that stiff hamstrings, or a flat low back, go with back pain later.',
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
      'A disc that bulges, or bursts through its outer ring, can press on a nerve root in the low back. This gives pain, tingling, numbness or weakness down the leg.',
    body: [
      'Between each pair of bones of the spine sits a disc. It has a tough outer ring and a soft, jelly-like centre, and it cushions the spine. Beside each disc, a nerve root leaves the spine on its way to the leg.',
      'A disc can bulge. Or its centre can push out through a weak spot in the ring: this is a herniated or "slipped" disc. It can then press on the nerve root next to it and make it sore and swollen. Doctors call this lumbar radiculopathy. It is the most common cause of sciatica. The pain most often starts in the low back or buttock and shoots down the leg, often below the knee. It can come with tingling, numbness or weakness. A cough, a sneeze or straining can make the leg pain worse for a moment.',
      'A simple test helps tell nerve pain from muscle pain. Lie on your back. You or a helper raise one leg with the knee straight. This is the straight-leg raise. It stretches both the hamstrings and the sciatic nerve. If it brings on pain below the knee, and pulling your toes up towards you makes it worse, the nerve is the likely source. If it only pulls in the back of the thigh, the muscle is more likely.',
      'Most sciatica from a disc settles without an operation as the nerve calms down. This can take longer than plain back pain. Get a doctor at once for numbness or weakness that spreads or gets worse. The same goes for any sign of pressure on the nerves to the bladder and bowel.',
    ],
    evidenceNote:
      'One article says it is "well known" that big changes in the low-back curve help cause discs to bulge or burst. That is said more firmly than the proof allows. It is a possible cause, not a proven one.',
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
      'The piriformis is a small muscle deep in the buttock. The sciatic nerve runs under it or through it. If the muscle tightens, it may press on the nerve and copy sciatica.',
    body: [
      'The piriformis is a small muscle deep in the buttock. It turns the hip out. The sciatic nerve most often runs just under it. In some people the nerve runs through the muscle.',
      'If the piriformis goes into spasm or tightens, it may squeeze the nerve. Then the trouble comes from the buttock, not the spine. It gives deep pain in the buttock that can spread into the back of the thigh and the leg. This is much like sciatica from a disc. It is called piriformis syndrome.',
      'Clues that point this way: deep pain in one buttock when you sit, most of all on a hard seat. Pain brought on by crossing your legs or turning the hip in. And a low back that feels fine. A physio who writes about the hamstrings makes the same point: a tight muscle near the sciatic nerve can affect the low back and the nerve.',
      'The figure-four stretch works on the piriformis. You lie on your back with one ankle crossed over the other knee. It is used to ease the pressure on the nerve. Move slowly. Stop at once if the pain gets sharper or spreads further down the leg.',
    ],
    evidenceNote:
      'Piriformis syndrome is a debated label. There is no agreed test for it, and doctors do not agree on how often it happens. Take it as one possible cause of pain centred in the buttock. See a doctor or physio if the leg pain is strong, or if you have numbness or weakness.',
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
      'If your low back is stiff, tight hamstrings may strain the base of the back and the joint between the spine and the pelvis. If your low back is loose or weak, they may make it bend too far.',
    body: [
      'A physio describes tight hamstrings as one form of muscle imbalance. That means muscles that are too tight or too weak for the work they share, which can cause pain. The hamstrings are a common case, most often through tightness.',
      'The hamstrings attach to the bottom of the pelvis, near the bony points you sit on. When they are tight, they pull the base of the pelvis down and tip it back. What happens next depends on your low back.',
      'If your low back is tight too, it resists that backward turn. The two pulls meet at the base of the low back and at the sacro-iliac joint. This is the joint on each side where the base of the spine, the sacrum, meets the pelvis. The extra strain there can cause pain.',
      'If your low back is not tight, and maybe a little weak, nothing resists the pull. Then the low back is drawn into bending forward too far. Doctors call this over-flexion. The pain then comes from the low back itself, not the sacro-iliac joint.',
      'Either way, the advice is to lengthen the hamstrings gently. That takes their pull off the low back, the sacro-iliac joint and the sciatic nerve. Keep the low back in its neutral place while you stretch, and gently tighten your tummy muscles. That keeps the back and pelvis steady. Stretching alone rarely settles the pain, so other stretches or strength work most often need to be added.',
    ],
    evidenceNote:
      "These two ways are one physio's reasoning from practice, not the result of studies. The article also says that as the hamstrings loosen, healing will follow and the pain will go. That is a hope, not a promise. The link between loose or tight hamstrings and back pain rests on low-quality proof.",
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
      'Your low back has a natural inward curve. A pelvis tipped back may flatten it. Some articles link this to disc bulges, a sideways curve or a slipped bone of the spine, on weak proof.',
    body: [
      'Seen from the side, your low back curves gently in. This curve is the lumbar lordosis. It helps hold your weight, soak up shock and let you move freely.',
      'The pelvis is joined firmly to the sacrum, the part of the spine between the low back and the tailbone. So when short hamstrings pull the back of the pelvis down and tip it back, the low back loses some of its curve. A low back flatter than normal is called hypolordosis.',
      'If only one leg has tight hamstrings, the pull may tip the pelvis on that side only. One article thinks this could flatten the low back more on one side. In some people, it says, this could lead to a sideways curve of the spine, a scoliotic curve.',
      'The same article thinks big changes in the low-back curve may set up other problems. One is a disc that bulges or bursts. Another is spondylolisthesis, where one bone of the spine slips forward on the one below. It links this mainly to people with spondylolysis: a small stress crack in the bony bridge at the back of one of these bones.',
      'Hamstrings that are short and tense can also just hurt when they are strained. You may feel that near where they attach to the pelvis, at the sitting bones.',
    ],
    evidenceNote:
      'The article these ideas come from is very sure of them ("we now know for sure", "it is well known"). The proof does not back that up. A review of studies that followed people over time found only weak, low-quality proof that a flat low back or stiff hamstrings go with back pain later. The links to bulging discs, a sideways curve and a slipped bone are possible, not proven.',
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
      'A "tight" feeling in the hamstrings is often a sign of weakness, not of a short muscle. So building strength matters as much as stretching.',
    body: [
      '"Tight" is what you feel, not how long the muscle is. Many people whose hamstrings feel tight can bend and stretch a long way. The muscle is weak, and it complains when it has to work. If that is you, stretching alone may not help much.',
      'A quick way to tell: stand with your knees straight and reach for your toes. Or lie on your back and lift one straight leg. If you can reach your toes, or lift the leg to about 80 degrees or more, but still feel tight, weakness is more likely. If you fall well short, the muscle may really be short.',
      'Strength and length go together. Moves that make the hamstrings, buttocks and trunk work build muscle. In time they also let you move further, not just more strongly. Bridges work the hamstrings, buttocks and trunk together. A slow hip hinge, the modified good morning, teaches the hips, not the low back, to do the bending, and wakes up the hamstrings. That is why your plan pairs stretches with strength work. The therapists who write about this say stretching alone is not likely to settle back pain, though it can.',
      'Massage guns and other tools that hammer the muscle may give brief relief. But one therapist warns that the hammering can make the muscle tighten up in return. Use them lightly and rarely on the hamstrings and back, if at all.',
    ],
    evidenceNote:
      'The idea that tightness often means weakness, and the warning about massage guns, come from therapists quoted in magazine articles, not from trials. The 80-degree mark is a rough guide, not a test that tells for sure.',
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
      'Long sitting is the main reason hamstrings get tight and weak, and it loads the low back. Breaking it up every 30 to 60 minutes, and setting up your desk well, both help.',
    body: [
      'For most people, hours of sitting are the main reason the hamstrings get tight. That means sitting at work, at home and in the car. Sitting also weakens them, because a muscle you barely use loses strength. Too little stretching and exercise adds to both.',
      'Sitting still for a long time also keeps the same low-back muscles and joints under load. If your back aches more the longer you sit, and eases when you walk about, sitting is likely part of the problem.',
      'If your job or travel means you must sit, the aim is to break it up, not give it up. Stand up and walk for a few minutes every 30 to 60 minutes. Breaks to stand and walk also ease tight hamstrings. Moving more and sitting less is good for far more than your back.',
      'Set up your desk to support the natural curve of your back. Use a chair with support for the low back. Put the screen at eye level, so you are not leaning forward or looking down. Deep pain in the buttock when you sit, most of all on hard seats, is a clue to the piriformis. A softer seat may help with that too.',
    ],
    evidenceNote:
      'There is fair proof that staying active and breaking up sitting helps. There is no good proof that one way of sitting causes back pain. The desk advice here is sensible and low-risk, but it comes from general health articles.',
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
      'Tight hamstrings may cause back pain, may be caused by it, or may have nothing to do with it. The proof for the link is weak, so look at the whole body.',
    body: [
      'Tight hamstrings are often blamed for back pain. Mostly this is by hands-on therapists such as physios, chiropractors and sports doctors. They can see changes in how you stand and walk, and feel the tension in the muscle. Spine experts, such as spine surgeons and nerve doctors, blame the hamstrings far less often. Many people with back pain do have tight hamstrings. But that does not prove one causes the other.',
      'The pull can run the other way. A problem in the spine, the pelvis (with its large wing-shaped bones, the ilia), the hip or the knee can change how the pelvis and spine sit. The hamstrings can then tighten in return. A disc or spine bone problem can change the curve of the spine and lead to tight hamstrings in time. This is most likely in someone who sits a lot, whose pelvis has tipped back. The low back and the hamstrings can even affect each other both ways. A tight hamstring may strain the back. And a back problem may be felt as hamstring pain.',
      'Sometimes the hamstrings are tight and the low back is flatter than usual, yet the pain comes from something else. It may be a nerve problem that does not come from the spine. It may be an illness of the whole body, an injury somewhere else, or stress and strain on your feelings. Worry, low mood and fear of moving can make back pain last longer. That is why the STarT Back questions ask about them.',
      'One article argues that getting the cause wrong is the main reason people do badly. Some suffer for years, and some after an operation that did not help. Whether or not that is true, it is good advice to learn about your own problem. Ask questions, and take part in choices about your care. A chiropractor quoted in another article says the same: treat your body as one linked whole, not as a single sore spot or muscle. Pain in your back can start somewhere else, through a chain of events built up by daily habits.',
    ],
    evidenceNote:
      'The proof that tight hamstrings cause back pain is weak and of low quality. A 2017 review of studies that followed people over time found only a weak link. It cannot show which came first. One source says "we now know for sure" that hamstrings cause back pain. It does not, and the same source admits the tension is often a result of the pain. That source makes further claims. It says a great deal of long-term back pain starts in the mind. It says tense hamstrings can come from a drop in blood and oxygen to the muscle driven by the mind, which the author likens to what distance runners go through. And it says getting the cause wrong is the main reason people do badly. These are the author\'s views from practice, not the findings of studies.',
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
      'Exercise, looking after yourself and physio come first. Surgery to release the hamstrings has poor results. Spine surgery is kept for nerve pain in the leg that does not settle.',
    body: [
      'The NICE guide for doctors on low back pain and sciatica puts two things first. One is exercise. The other is looking after yourself: knowing what is going on, staying as active as you can and keeping up your normal life. Hands-on care, such as a massage or moving the joints, can be added. So can care for the mind and feelings. But these should be part of a plan that has exercise in it, not used on their own. Most people with back pain do not need a scan.',
      'When tight hamstrings seem to be part of the problem, physio is the first step. A physio uses stretches and strength work to bring the muscles back into balance, and ease their pull on the pelvis. Being more active and sitting less also helps, and is good for your health in many other ways.',
      'A few people whose tightness does not get better are offered surgery to release (lengthen) the hamstrings. For long-lasting tightness the results are poor. Many people still have the same pain, or a new pain, after it.',
      'If a hamstring has truly torn, it needs time to mend. A bad tear sometimes needs surgery. Then comes a planned course of exercise to get back to full strength. For sciatica from a disc, an operation to free the nerve can be thought about. This is when other care has not helped, and scans match what you feel.',
    ],
    evidenceNote:
      'One article says physio works in "most cases" of tight hamstrings, but gives no numbers. The link between tight hamstrings and back pain is itself weak. That exercise and looking after yourself come first is from the NICE guideline.',
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
      'Most new low back pain gets much better over a few weeks, and many people are much better in about six. Sciatica can take longer. Flare-ups are common, and keeping active helps.',
    body: [
      'Most bouts of new low back pain get a lot better within a few weeks. Many people are much better in about six weeks. Sciatica often takes longer to settle. But it too most often gets better without an operation.',
      'Keep as active as you can. Carry on with your normal day, and change it rather than stop it. Long rest in bed does not help and can slow you down. Exercise, and knowing what is going on, are the first things to try.',
      'Flare-ups are common, even while you are getting better overall. A flare most often does not mean new harm. Ease back for a day or two, use cold or heat, and go back to your exercises gently.',
      'If you are not clearly better within 2 to 6 weeks, book a check with a GP or physio. Pain that has lasted more than 12 weeks also needs a check. If a warning sign shows up at any time, get help at once. Do not wait.',
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
      'A few signs mean your back or leg pain needs a doctor today, or a hospital emergency department now. Here is what they are, and what to do for each.',
    body: [
      'Go to an emergency department now, or call the emergency number. Do not wait to see if it settles. Go if you have any of these:',
      'Numbness or tingling between your legs, around your back passage or inside your thighs (saddle numbness).',
      'New trouble starting or stopping your pee, a weak flow, or losing control of your bladder.',
      'New loss of control of your bowels, or of the feeling that you need to go.',
      'New loss of sexual function or of feeling in your genitals, with leg pain or numbness.',
      'Numbness or weakness in both legs.',
      'A foot that slaps or catches as you walk and is getting worse (worsening foot drop).',
      'Pain that began after a major accident, such as a fall from a height or a road crash.',
      'Numbness between the legs, and changes to the bladder or bowels, can mean the bundle of nerves at the base of the spine is being squeezed. This bundle is called the cauda equina. It needs treatment within hours.',
      'Speak to a doctor today if you have any of the signs below. You can ask for a same-day GP visit, go to urgent care or call a phone advice line.',
      'Leg weakness that is getting worse. A foot drop that is not getting worse. Pain in both legs without numbness or weakness.',
      'A fever, chills or feeling unwell in yourself with the back pain.',
      'Pain after a small fall, if you have thin bones (osteoporosis), take steroid tablets long term or are 70 or older.',
      'Cancer in the past, together with weight loss you cannot explain, constant pain at night or pain between the shoulder blades.',
      'Very bad pain: 8 out of 10 or more.',
      'These can point to a nerve under pressure, an infection, a broken bone or, rarely, cancer.',
      'Book to see a GP or physio within 1 to 2 weeks if you have any of these:',
      'Pain or numbness below the knee, with pins and needles, numbness or weakness in the leg.',
      'Cancer in the past, weight loss you cannot explain, constant pain at night, or pain between the shoulder blades, each on its own.',
      'A weak immune system. New back pain that starts before 20 or after 55.',
      'Stiffness for more than 30 minutes each morning that eases as you move, if you are under 45 and it has lasted more than 12 weeks.',
      'Pain for more than 12 weeks. A hamstring that may be torn.',
      'Backchain asks these questions at the start and again at each check-in. If any answer changes to yes, your plan stops and tells you what to do. If you are ever unsure, it is always right to get medical advice.',
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
      'The STarT Back tool uses nine questions to sort back pain into low, medium or high risk of a slow recovery. That way the support you get can match your needs.',
    body: [
      'The Keele STarT Back tool is a short list of questions made at Keele University. Its nine questions ask about things known to affect how back pain turns out. They ask whether pain spreads down the leg, and about pain elsewhere. They ask how much the pain limits walking and dressing. And they ask how you feel about it: worry, fear that moving is unsafe, low mood, and how much the pain bothers you. The last five questions make up the distress part of the score.',
      'Low risk (3 or less in all) means you are likely to do well with good advice and care of yourself. That means staying active and following a simple plan like this one.',
      'Medium risk (4 or more in all, but 3 or less on the distress questions) suggests that things in the body are slowing you down. A course of physio is likely to help.',
      'High risk (4 or more on the distress questions) means worry, low mood or fear of moving are a big part of the picture. That is common and nothing to be ashamed of, and it can be treated. A physio or a team who help with both body and mind can help. Backchain suggests you book to be seen within 1 to 2 weeks. The NICE guideline advises using a tool like this at the first visit, to decide how much support you need.',
    ],
    evidenceNote:
      'The score tells the chance of a slow recovery across groups of people. It does not find the cause of your pain or decide how you will do. The tool belongs to Keele University and is free to use when not for profit.',
    related: {
      contributors: ['non-specific-mechanical'],
      exercises: [],
      topics: ['what-to-expect', 'treatment-options', 'cause-or-consequence'] satisfies TopicId[],
    },
    sources: ['keele-start-back', 'nice-ng59'],
  },
];
