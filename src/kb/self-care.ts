// The self-care and habit items of the catalogue (exercises.md) as data: cold, heat, breaks from sitting, desk set-up, lifting and massage guns.
import type { SelfCareItem } from './types.js';

export const selfCareItems: readonly SelfCareItem[] = [
  {
    id: 'cold-pack',
    name: 'Cold pack',
    steps: [
      'Wrap an ice pack, or a bag of frozen peas, in a thin dry towel or cloth.',
      'Lie or sit comfortably and rest it over the sorest part of your low back or buttock.',
      'Leave it there for 15 to 20 minutes at most, then take it off.',
      'Let your skin return to its normal colour and warmth before you use it again.',
    ],
    when: 'In the first 48 hours of a flare-up. Cold numbs the sore area and helps calm swelling.',
    minutes: { min: 15, max: 20 },
    cautions: [
      'Never put ice straight onto bare skin: always wrap it in a towel or cloth first.',
      'Check your skin every few minutes and take the pack off if it burns, stings sharply or turns white.',
      'Do not use cold on skin that already feels numb, because you may not notice it getting too cold.',
      'After the first 48 hours, switch to moist heat instead.',
    ],
    sources: ['art-causes'],
  },
  {
    id: 'moist-heat',
    name: 'Moist heat',
    steps: [
      'Use a heating pad on a low or medium setting, or soak a towel in warm (not hot) water and wring it out well.',
      'Lie or sit comfortably and place it over the sore part of your low back, buttock or the back of your thigh, with a thin layer of cloth between a heating pad and your skin.',
      'Leave it there for 15 to 20 minutes, then take it off.',
      'Check your skin afterwards: it should look pink, not red or blotchy.',
    ],
    when: 'After the first 48 hours of a flare-up. Warmth brings more blood to the area, helps tight muscles relax and can dampen pain.',
    minutes: { min: 15, max: 20 },
    cautions: [
      'Do not use heat on skin that feels numb, because you may not notice it burning.',
      'Never fall asleep with a heating pad on: set a timer, or use it only while you are awake and sitting up.',
      'Warm, not hot: if it feels uncomfortably hot, take it off and let it cool.',
      'In the first 48 hours of a flare-up, use a cold pack instead.',
    ],
    sources: ['art-causes'],
  },
  {
    id: 'walking-breaks',
    name: 'Walking breaks',
    steps: [
      'Set a reminder on your phone, watch or computer for every 30 to 60 minutes while you are sitting.',
      'When it goes off, stand up slowly and walk for a few minutes: to fetch a drink, round the room, or up and down the stairs.',
      'On long car journeys, plan a stop at least every hour to get out and walk about.',
      'When you sit down again, sit well back so your chair supports your low back.',
    ],
    when: 'Whenever you sit for long spells, at a desk, on the sofa or in the car: every 30 to 60 minutes of sitting. Long sitting is often the main reason hamstrings feel tight, and sitting less helps your back in other ways too.',
    cautions: [
      'Get up slowly after a long sit and let your back straighten before you set off.',
      'If walking makes the pain sharpen or spread down your leg, make the walk shorter and say so when the session asks.',
      'Breaks help most alongside the exercises, not instead of them.',
    ],
    sources: ['art-tight-hamstrings-pt', 'art-back-pain-from-hamstrings'],
  },
  {
    id: 'desk-setup',
    name: 'Desk set-up',
    steps: [
      'Use a chair with lumbar support: a curve or cushion that fills the hollow of your low back. If your chair has none, a small firm cushion or a rolled-up towel in that hollow does the same job.',
      'Sit well back in the chair so your low back rests against the support, keeping its natural inward curve rather than slumping.',
      'Raise or lower your screen so it is at eye level and you look straight ahead, not down. A laptop most often needs a stand or a pile of books, and its own keyboard.',
      'Keep your feet flat on the floor, or on a footrest if they do not reach.',
    ],
    when: 'If you sit for long periods, at work or at home. A good set-up helps your spine keep its natural curve while you sit.',
    cautions: [
      'A good set-up does not make long sitting harmless: still get up for walking breaks.',
      'If a new position makes your pain sharpen or spread down your leg, go back to what you had and try smaller changes.',
    ],
    sources: ['art-causes'],
  },
  {
    id: 'lifting-technique',
    name: 'Lifting technique',
    steps: [
      'Stand close to the thing you are lifting, with your feet about hip-width apart.',
      'Bend your knees to get down to it, keeping your back straight.',
      'Hold the load close to your body.',
      'Lift by straightening your legs, so your legs take most of the load rather than your back.',
      'To turn, move your feet rather than twisting your back, and set the load down the same way, bending your knees.',
    ],
    when: 'Whenever you lift something from low down: shopping bags, a box, a child or a laundry basket.',
    cautions: [
      'If a load is too heavy to lift with a straight back, get help or split it into smaller loads.',
      'Stop if lifting makes the pain sharpen or spread down your leg.',
    ],
    sources: ['art-causes'],
  },
  {
    id: 'massage-gun-caution',
    name: 'Go easy with massage guns',
    steps: [
      'A massage gun is a tool that hammers the muscle with fast taps. If you use one, use it lightly and not often on your hamstrings and back: short, light goes, not long or daily ones.',
      'Use the lowest setting and keep the head moving. Do not press on your spine or other bony parts.',
      'Notice how the muscle feels the next day. If it feels tighter, use the tool less, or stop.',
      'Rely on the stretches, the strength work and walking breaks for lasting change.',
    ],
    when: 'If you are tempted to use a massage gun on sore or tight hamstrings, or on your back.',
    cautions: [
      'It may bring relief in the moment. But one expert quoted in the source article warns that the hammering can make the muscle tighten up more in return. This is one view, not tested proof, but it is a good reason to go easy.',
      'Do not use it on a hamstring that may be torn. Do not use it where the back of your leg has tingling, numbness or shooting pain, because the sciatic nerve runs through the back of the thigh.',
    ],
    sources: ['art-tight-hamstrings-pt'],
  },
];
