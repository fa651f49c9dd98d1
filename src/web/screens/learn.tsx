// The Learn screen: the education topics as a list and one a page, with their sources, and the posterior-chain picture.
import { useState } from 'preact/hooks';
import { knowledgeBase } from '../kb.js';
import type { EducationTopic } from '../../kb/types.js';
import { ScreenTitle } from '../components/common.js';
import { POSTERIOR_CHAIN_POSE } from '../../figure/keyframes.js';
import { renderPosteriorChainCloseUpSvg, type Bounds } from '../../figure/svg.js';
import { PoseFigure } from '../components/figure.js';
import type { ScreenProps } from '../screen-props.js';
import { href } from '../router.js';
import {
  describePosteriorChain,
  findTopic,
  capitalised,
  neighbours,
  publisherWords,
  relatedTopics,
  SOURCE_KIND_LABELS,
  TENSION_STEPS,
  topicSources,
} from './learn-content.js';
import './learn.css';

/** The topic the picture belongs to. */
const CHAIN_TOPIC = 'posterior-chain-pelvic-tilt';
/** The part of the figure the close-up shows: from the lower ribs to mid-thigh, in the model's units. */
const CLOSE_UP: Bounds = { minX: -0.17, maxX: 0.17, minY: 0.36, maxY: 0.74 };
/** The usual standing posture, drawn dashed behind the close-up. */
const NEUTRAL = POSTERIOR_CHAIN_POSE(0);
/** The review of studies that weighed the link between hamstring flexibility and later back pain. */
const REVIEW_TITLE = knowledgeBase.sources.find((s) => s.id === 'sadler-2017-review')?.title;

export default function Learn({ params }: ScreenProps) {
  const id = params[0];
  const topic = findTopic(knowledgeBase, id);
  if (id !== undefined && !topic) {
    return (
      <section aria-labelledby="screen-title">
        <ScreenTitle>Topic not found</ScreenTitle>
        <p>There is no topic called “{id}”.</p>
        <p>
          <a href={href('learn')}>See all topics</a>
        </p>
      </section>
    );
  }
  return topic ? <TopicPage topic={topic} /> : <TopicList />;
}

function TopicList() {
  return (
    <section aria-labelledby="screen-title">
      <ScreenTitle>Learn about your back and hamstrings</ScreenTitle>
      <p class="lead">
        Short explanations in plain words: how the back, the pelvis, the hamstrings and the sciatic
        nerve work together, what helps, and when to get help. Each topic names its sources and how
        strong the evidence is.
      </p>
      <PosteriorChain />
      <h2>Topics</h2>
      <ul class="topic-list">
        {knowledgeBase.topics.map((t) => (
          <li key={t.id}>
            <a class="topic-link" href={href('learn', t.id)}>
              {t.title}
            </a>
            <p class="muted small">{t.summary}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function TopicPage({ topic }: { topic: EducationTopic }) {
  const sources = topicSources(knowledgeBase, topic);
  const related = relatedTopics(knowledgeBase, topic);
  const exercises = topic.related.exercises.flatMap((id) =>
    knowledgeBase.exercises.filter((e) => e.id === id),
  );
  const { previous, next } = neighbours(knowledgeBase, topic.id);
  return (
    <article aria-labelledby="screen-title" class="topic">
      <p class="topic-back">
        <a href={href('learn')}>← All topics</a>
      </p>
      <ScreenTitle>{topic.title}</ScreenTitle>
      <p class="lead">{topic.summary}</p>
      {topic.id === CHAIN_TOPIC && <PosteriorChain />}
      {topic.body.map((paragraph, i) => (
        <p key={i}>{paragraph}</p>
      ))}
      {topic.evidenceNote && (
        <aside class="notice notice-warning" aria-labelledby="evidence-note-title">
          <p class="notice-title" id="evidence-note-title">
            How strong is the evidence?
          </p>
          <p>{topic.evidenceNote}</p>
        </aside>
      )}
      {exercises.length > 0 && (
        <>
          <h2>Exercises that go with this</h2>
          <ul>
            {exercises.map((e) => (
              <li key={e.id}>
                <strong>{capitalised(e.name)}</strong>: {e.purpose}
              </li>
            ))}
          </ul>
          <p class="small muted">
            Your programme includes the ones that suit your answers; see{' '}
            <a href={href('programme')}>your programme</a>.
          </p>
        </>
      )}
      {related.length > 0 && (
        <>
          <h2>Related topics</h2>
          <ul class="link-list">
            {related.map((r) => (
              <li key={r.id}>
                <a href={href('learn', r.id)}>{r.title}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Sources</h2>
      <ul class="source-list">
        {sources.map((s) => (
          <li key={s.id}>
            <cite>{s.title}</cite>
            <span class="source-kind">{SOURCE_KIND_LABELS[s.kind]}</span>
            <span class="muted small"> · {publisherWords(s)}</span>
          </li>
        ))}
      </ul>
      <nav class="topic-pager" aria-label="More topics">
        {previous && (
          <a class="button" href={href('learn', previous.id)} rel="prev">
            <span aria-hidden="true">←</span> <span>Previous: {previous.title}</span>
          </a>
        )}
        {next && (
          <a class="button" href={href('learn', next.id)} rel="next">
            <span>Next: {next.title}</span> <span aria-hidden="true">→</span>
          </a>
        )}
      </nav>
    </article>
  );
}

/** A standing figure whose hamstrings the person tightens with a slider; the words say what changes. */
function PosteriorChain() {
  const [percent, setPercent] = useState(0);
  const state = describePosteriorChain(percent);
  return (
    <figure class="card chain" aria-labelledby="chain-title">
      <h2 id="chain-title" class="chain-title">
        Try it: tight hamstrings and the pelvis
      </h2>
      <div class="chain-layout">
        <div class="chain-figures">
          <PoseFigure
            pose={state.pose}
            title={`A person standing, seen from the side, the hamstrings picked out. ${state.text}`}
            width={96}
            height={240}
            hamstrings
          />
          <div
            class="figure chain-close-up"
            // Our own renderer's markup: it escapes every text it writes.
            dangerouslySetInnerHTML={{
              __html: renderPosteriorChainCloseUpSvg(state.pose, NEUTRAL, {
                title: `Close-up of the pelvis and low back. ${state.text}`,
                width: 220,
                height: 240,
                bounds: CLOSE_UP,
              }),
            }}
          />
        </div>
        <div class="chain-controls">
          <label class="field" for="chain-tension">
            How tight are the hamstrings?
          </label>
          <input
            id="chain-tension"
            type="range"
            min={0}
            max={TENSION_STEPS}
            step={5}
            value={percent}
            aria-valuetext={`${state.tightness}: ${state.text}`}
            aria-describedby="chain-explain"
            onInput={(event) => {
              setPercent(Number(event.currentTarget.value));
            }}
          />
          <div class="chain-scale" aria-hidden="true">
            <span>Relaxed</span>
            <span>Very tight</span>
          </div>
          <p class="chain-state" role="status">
            <strong>{state.tightness}.</strong> {state.text}
          </p>
          <ul class="chain-legend small">
            <li>
              <span class="chain-key chain-key-pelvis" aria-hidden="true" /> Pelvis
            </li>
            <li>
              <span class="chain-key chain-key-hamstring" aria-hidden="true" /> Hamstrings
            </li>
            <li>
              <span class="chain-key chain-key-spine" aria-hidden="true" /> Curve of the low back
            </li>
            <li>
              <span class="chain-key chain-key-usual" aria-hidden="true" /> Usual standing position
            </li>
          </ul>
          <p id="chain-explain" class="hint">
            The hamstrings run from the sitting bone, at the bottom of the pelvis, to just below the
            knee. As they pull tighter, they tip the pelvis back. The hollow of the low back then
            flattens.
          </p>
        </div>
      </div>
      <figcaption class="small muted">
        A simplified picture of the idea explained in{' '}
        {`“${findTopic(knowledgeBase, CHAIN_TOPIC)?.title ?? 'the posterior chain'}”`}. Whether
        tight hamstrings lead to back pain rests on limited, low-quality evidence (source:{' '}
        <cite>{REVIEW_TITLE}</cite>).
      </figcaption>
    </figure>
  );
}
