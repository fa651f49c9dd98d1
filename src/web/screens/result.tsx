// The result screen, short first: the level and what to do, the one or two likeliest causes in a sentence
// each, what usually happens next, and the way to the programme, all within the first two phone screens.
// The answers behind each cause, the evidence, sciatica care, STarT Back and the sources open on request.
import { useEffect, useRef } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { Load, Notice, ScreenTitle } from '../components/common.js';
import type { AssessmentView, ProgrammeView } from '../data/types.js';
import { useLoad } from '../hooks.js';
import { href } from '../router.js';
import { KEELE_NOTICE } from '../../engine/start-back.js';
import { knowledgeBase } from '../kb.js';
import { LevelPanel, type ReasonLine } from './result-panel.js';
import type { ComponentChildren } from 'preact';
import { formatDate } from '../format-date.js';
import {
  LIKELIHOOD_WORDS,
  STRENGTH_WORDS,
  adviceParts,
  answeredLine,
  careAdviceFor,
  contributorCards,
  leadingCauses,
  prognosisFor,
  reasonSourceTitles,
  riskWords,
  standingOf,
  startBackMeaning,
  type ContributorCard,
} from './result-view.js';
import { takeHandedOver } from './just-assessed.js';
import { PHASE_WORDS, RESULT_WORDS } from './result-copy.js';
import './result.css';

export default function Result() {
  const { repo, version } = useApp();
  const state = useLoad(async () => {
    // Straight from the intake, the assessment it just made; on a reload or a later visit, the latest.
    const assessment = takeHandedOver(repo.mode) ?? (await repo.latestAssessment());
    const programme = assessment ? await repo.programme() : null;
    return { assessment, programme };
  }, [repo, version]);
  // The heading arrives with the data, after the shell has tried to focus it: focus it once it is there.
  const focused = useRef(false);
  useEffect(() => {
    if (state.status !== 'loading' && !focused.current) {
      focused.current = true;
      document.getElementById('screen-title')?.focus();
    }
  }, [state.status]);
  if (state.status !== 'ready') {
    return (
      <section aria-labelledby="screen-title">
        <ScreenTitle>Your result</ScreenTitle>
        <Load state={state}>{() => null}</Load>
      </section>
    );
  }
  const { assessment, programme } = state.value;
  return assessment ? <ResultView assessment={assessment} programme={programme} /> : <NoResult />;
}

function NoResult() {
  return (
    <section aria-labelledby="screen-title">
      <ScreenTitle>Your result</ScreenTitle>
      <p>{RESULT_WORDS.noResult}</p>
      <p>{RESULT_WORDS.noResultTime}</p>
      <div class="actions">
        <a class="button primary" href={href('intake')}>
          Start the questions
        </a>
      </div>
    </section>
  );
}

function ResultView({
  assessment,
  programme,
}: {
  assessment: AssessmentView;
  programme: ProgrammeView | null;
}) {
  const { result, answers } = assessment;
  const pause = programme?.paused ? programme.pausedBy : null;
  const standing = standingOf(result, pause);
  const parts = adviceParts(standing.level, standing.gate, knowledgeBase.triage);
  const reasons: ReasonLine[] = standing.reasons.map((r) => ({
    text: r.text,
    // A check-in's reasons rest on the check-in's answers, which this screen does not hold.
    answers:
      standing.from === 'assessment'
        ? r.answers.flatMap((f) => {
            const line = answeredLine(f, answers);
            return line ? [line] : [];
          })
        : [],
  }));
  const emergency = standing.level === 'emergency';
  const fromCheckin = standing.from === 'checkin' ? RESULT_WORDS.fromCheckin : undefined;
  const when = formatDate(assessment.createdAt);

  if (emergency) {
    return (
      <>
        <LevelPanel level="emergency" parts={parts} reasons={reasons}>
          {fromCheckin && <p>{fromCheckin}</p>}
          <p>{RESULT_WORDS.emergencyShow}</p>
          <p class="small">
            Result from {when}. Answered a question by mistake?{' '}
            <a href={href('intake')}>Answer the questions again</a>.
          </p>
        </LevelPanel>
        <Sources titles={reasonSourceTitles(standing.reasons, knowledgeBase)} />
      </>
    );
  }

  const cards = contributorCards(result, answers, knowledgeBase);
  const leading = leadingCauses(cards);
  const others = cards.filter((c) => !leading.includes(c) && c.likelihood !== 'unlikely');
  const unlikely = cards.filter((c) => !leading.includes(c) && c.likelihood === 'unlikely');
  const care = careAdviceFor(result, answers, knowledgeBase);
  const outlook = prognosisFor(result, answers, knowledgeBase);
  const startBack = result.startBack;
  const meaning = startBack ? startBackMeaning(startBack.risk, knowledgeBase) : undefined;
  const nextWords = !programme
    ? RESULT_WORDS.noProgramme
    : standing.gate === 'not-now'
      ? RESULT_WORDS.notNow
      : standing.gate === 'gentle-only'
        ? RESULT_WORDS.gentleOnly
        : RESULT_WORDS.allowed;

  return (
    <div class="result">
      <LevelPanel level={standing.level} parts={parts} reasons={reasons}>
        {fromCheckin && <p>{fromCheckin}</p>}
      </LevelPanel>
      {standing.from === 'assessment' && pause && (
        <Notice tone="warning" title="Your programme is paused">
          <p>
            {RESULT_WORDS.pausedByCheckin} {pause.advice}
          </p>
        </Notice>
      )}

      <section aria-labelledby="causes-title" class="card result-causes">
        <h2 id="causes-title">What is most likely going on</h2>
        {leading.length === 0 ? (
          <p>{RESULT_WORDS.noCause}</p>
        ) : (
          <ul class="cause-list">
            {leading.map((card) => (
              <li key={card.id}>
                <p class="cause-name">
                  <span class={`likelihood likelihood-${card.likelihood}`}>
                    {LIKELIHOOD_WORDS[card.likelihood]}
                  </span>{' '}
                  <strong>{card.name}</strong>
                </p>
                <p>{card.summary}</p>
              </li>
            ))}
          </ul>
        )}
        <p class="small muted">{RESULT_WORDS.notDiagnosis}</p>
      </section>

      <section aria-labelledby="outlook-title" class="card result-outlook">
        <h2 id="outlook-title">What usually happens</h2>
        <p>{outlook.text}</p>
      </section>

      <div class="result-next">
        <p>{nextWords}</p>
        {programme && (
          <a class="button primary block" href={href('programme')}>
            See your programme
          </a>
        )}
      </div>

      <section aria-labelledby="more-title" class="result-more">
        <h2 id="more-title">More detail</h2>
        {leading.map((card) => (
          <Disclosure key={card.id} summary="Why we think so" label={card.name}>
            <CauseDetail card={card} />
          </Disclosure>
        ))}
        {care.length > 0 && (
          <Disclosure summary="Looking after sciatica">
            {care.map((item) => (
              <div key={item.id} class="care-item">
                <h3>{item.title}</h3>
                {item.body.map((p) => (
                  <p key={p}>{p}</p>
                ))}
                <p class="small muted">
                  Sources: {item.sources.map((id) => sourceTitle(id)).join('; ')}.
                </p>
              </div>
            ))}
          </Disclosure>
        )}
        {others.length > 0 && (
          <Disclosure summary={`Other possible causes (${others.length})`}>
            {others.map((card) => (
              <article key={card.id} class="cause-detail" aria-labelledby={`cause-${card.id}`}>
                <h3 id={`cause-${card.id}`}>{card.name}</h3>
                <CauseDetail card={card} />
              </article>
            ))}
          </Disclosure>
        )}
        {unlikely.length > 0 && (
          <Disclosure summary={`Less likely causes (${unlikely.length})`}>
            {unlikely.map((card) => (
              <article key={card.id} class="cause-detail" aria-labelledby={`cause-${card.id}`}>
                <h3 id={`cause-${card.id}`}>{card.name}</h3>
                <p>{card.summary}</p>
                {card.pointsAway.length > 0 && (
                  <>
                    <h4>What points away from it</h4>
                    <Evidence items={card.pointsAway} />
                  </>
                )}
              </article>
            ))}
          </Disclosure>
        )}
        {startBack && (
          <Disclosure summary="Your STarT Back score">
            <p>
              <strong>{riskWords(startBack.risk)}</strong>: {startBack.total} out of 9 in all, and{' '}
              {startBack.distress} out of 5 on the questions about worry and mood.
            </p>
            {meaning && (
              <>
                <p>{meaning.text}</p>
                <p class="small muted">
                  From “{meaning.topicTitle}”. Sources: {meaning.sources.join('; ')}.
                </p>
              </>
            )}
            <p class="small muted">{KEELE_NOTICE}</p>
          </Disclosure>
        )}
        <Disclosure summary="Sources for this result">
          <ul class="source-list">
            {[...new Set([...result.sources.map((s) => s.title), ...outlook.sources])].map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        </Disclosure>
      </section>

      <p class="small muted result-meta">
        Result from {when}. {PHASE_WORDS[result.phase]}
      </p>
      <div class="actions">
        <a class="button" href={href('intake')}>
          Answer the questions again
        </a>
      </div>
    </div>
  );
}

function sourceTitle(id: string): string {
  return knowledgeBase.sources.find((s) => s.id === id)?.title ?? id;
}

/** A heading-like line a person opens for the detail behind it. */
function Disclosure({
  summary,
  label,
  children,
}: {
  summary: string;
  /** Says what the summary is about, when the summary alone would be ambiguous. */
  label?: string;
  children: ComponentChildren;
}) {
  return (
    <details class="disclosure">
      <summary>
        <span>
          {summary}
          {label && <span class="disclosure-label">{label}</span>}
        </span>
      </summary>
      <div class="disclosure-body">{children}</div>
    </details>
  );
}

function Evidence({ items }: { items: ContributorCard['pointsTo'] }) {
  return (
    <ul class="evidence-list">
      {items.map((e) => (
        <li key={e.text}>
          {e.text}
          {e.answer && (
            <span class="evidence-answer">
              Your answer to “{e.answer.question}”: {e.answer.answer}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The answers behind a cause, what points away, how strong the evidence is, and where to read more. */
function CauseDetail({ card }: { card: ContributorCard }) {
  return (
    <>
      {card.pointsTo.length > 0 && (
        <>
          <h4>What points to it</h4>
          <Evidence items={card.pointsTo} />
        </>
      )}
      {card.pointsAway.length > 0 && (
        <>
          <h4>What points away from it</h4>
          <Evidence items={card.pointsAway} />
        </>
      )}
      <h4>How sure anyone can be: {STRENGTH_WORDS[card.strength].toLowerCase()} evidence</h4>
      <p>{card.strengthNote}</p>
      <p class="small muted">Sources: {card.sources.join('; ')}.</p>
      {card.topic && (
        <p>
          <a href={href('learn', card.topic.id)}>Read more: {card.topic.title}</a>
        </p>
      )}
    </>
  );
}

function Sources({ titles }: { titles: readonly string[] }) {
  if (titles.length === 0) return null;
  return (
    <section aria-labelledby="sources-title">
      <h2 id="sources-title">Sources for this result</h2>
      <ul class="source-list">
        {titles.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
    </section>
  );
}
