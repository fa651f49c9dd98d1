// The result screen: the triage level first and unmistakable, then what is likely behind the pain with
// the answers that point to it, the honest strength of the evidence and its sources, then the way on.
import { useEffect, useRef } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { Load, Notice, ScreenTitle } from '../components/common.js';
import type { AssessmentView, ProgrammeView } from '../data/types.js';
import { useLoad } from '../hooks.js';
import { href } from '../router.js';
import { KEELE_NOTICE } from '../../engine/start-back.js';
import { knowledgeBase } from '../../kb/index.js';
import { LevelPanel, type ReasonLine } from './result-panel.js';
import {
  LIKELIHOOD_WORDS,
  STRENGTH_WORDS,
  adviceParts,
  answeredLine,
  contributorCards,
  reasonSourceTitles,
  riskWords,
  standingOf,
  startBackMeaning,
  type ContributorCard,
} from './result-view.js';
import './result.css';

const PHASE_WORDS = {
  acute: 'recent (acute): it began less than 6 weeks ago',
  subacute: 'settling in (subacute): it began 6 to 12 weeks ago',
  chronic: 'long-lasting (persistent): it began more than 12 weeks ago',
} as const;

export default function Result() {
  const { repo, version } = useApp();
  const state = useLoad(async () => {
    const assessment = await repo.latestAssessment();
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
      <p>There is no result yet: the questions have not been answered on this device or account.</p>
      <p>They take about five minutes, and the warning signs come first.</p>
      <div class="actions">
        <a class="button primary" href={href('intake')}>
          Start the questions
        </a>
      </div>
    </section>
  );
}

function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
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
  const parts = adviceParts(standing.level, standing.gate);
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
  const fromCheckin =
    standing.from === 'checkin'
      ? 'This comes from a daily check-in that found a new warning sign, after your answers to the questions. Your programme is paused.'
      : undefined;

  if (emergency) {
    return (
      <>
        <LevelPanel level="emergency" parts={parts} reasons={reasons}>
          {fromCheckin && <p>{fromCheckin}</p>}
          <p>Show this screen to the staff if it helps. Do not start or continue any exercises.</p>
          <p class="small">
            Result from {formatDate(assessment.createdAt)}. Answered a question by mistake?{' '}
            <a href={href('intake')}>Answer the questions again</a>.
          </p>
        </LevelPanel>
        <Sources titles={reasonSourceTitles(standing.reasons, knowledgeBase)} />
      </>
    );
  }

  const cards = contributorCards(result, answers, knowledgeBase);
  const shown = cards.filter((c) => c.likelihood !== 'unlikely');
  const unlikely = cards.filter((c) => c.likelihood === 'unlikely');
  const startBack = result.startBack;
  const meaning = startBack ? startBackMeaning(startBack.risk, knowledgeBase) : undefined;

  return (
    <>
      <LevelPanel level={standing.level} parts={parts} reasons={reasons}>
        {fromCheckin && <p>{fromCheckin}</p>}
      </LevelPanel>
      {standing.from === 'assessment' && pause && (
        <Notice tone="warning" title="Your programme is paused">
          <p>A daily check-in found a new warning sign. {pause.advice}</p>
        </Notice>
      )}
      <p class="result-meta">
        Result from {formatDate(assessment.createdAt)}. This episode of pain is{' '}
        {PHASE_WORDS[result.phase]}.
      </p>

      <section aria-labelledby="contributors-title">
        <h2 id="contributors-title">What is likely behind your pain</h2>
        <p>
          This is not a diagnosis. It shows which common causes fit your answers, the answers that
          point to each, and how sure anyone can be.
        </p>
        {shown.length === 0 && <p>None of the usual causes stands out from your answers.</p>}
        {shown.map((card) => (
          <ContributorCardView key={card.id} card={card} />
        ))}
        {unlikely.length > 0 && (
          <details class="result-more">
            <summary>Less likely causes ({unlikely.length})</summary>
            {unlikely.map((card) => (
              <ContributorCardView key={card.id} card={card} />
            ))}
          </details>
        )}
      </section>

      {startBack && (
        <section aria-labelledby="start-back-title" class="card">
          <h2 id="start-back-title">Your STarT Back score</h2>
          <p>
            <strong>{riskWords(startBack.risk)}</strong>: a total of {startBack.total} out of 9, and{' '}
            {startBack.distress} out of 5 on the questions about worry and mood (the distress part).
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
        </section>
      )}

      <section aria-labelledby="next-title">
        <h2 id="next-title">What next</h2>
        {programme ? (
          <p>
            {standing.gate === 'not-now'
              ? 'For now there are no exercises: the programme waits until a clinician has seen you.'
              : standing.gate === 'gentle-only'
                ? 'Your programme starts with the gentle exercises only, at the lowest dose.'
                : 'Your programme is ready: exercises, their doses and the self-care that fits your answers.'}
          </p>
        ) : (
          <p>Your programme could not be loaded just now. Try again in a moment.</p>
        )}
        <div class="actions">
          {programme && (
            <a class="button primary" href={href('programme')}>
              See your programme
            </a>
          )}
          <a class="button" href={href('intake')}>
            Answer the questions again
          </a>
        </div>
      </section>

      <Sources titles={result.sources.map((s) => s.title)} />
      <p class="small muted">
        Knowledge base {result.knowledgeBase}. This is guidance, not a diagnosis.
      </p>
    </>
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

function ContributorCardView({ card }: { card: ContributorCard }) {
  const titleId = `contributor-${card.id}`;
  return (
    <article class="card contributor" aria-labelledby={titleId}>
      <h3 id={titleId}>{card.name}</h3>
      <p>
        <span class={`likelihood likelihood-${card.likelihood}`}>
          {LIKELIHOOD_WORDS[card.likelihood]}
        </span>
      </p>
      <p>{card.summary}</p>
      <h4>Why we think so</h4>
      {card.pointsTo.length > 0 ? (
        <Evidence items={card.pointsTo} />
      ) : (
        <p>None of your answers points to it.</p>
      )}
      {card.pointsAway.length > 0 && (
        <>
          <h4>What points away from it</h4>
          <Evidence items={card.pointsAway} />
        </>
      )}
      <h4>How strong the evidence is: {STRENGTH_WORDS[card.strength]}</h4>
      <p class="small">{card.strengthNote}</p>
      <h4>Sources</h4>
      <ul class="source-list">
        {card.sources.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      {card.topic && (
        <p>
          <a href={href('learn', card.topic.id)}>Read more: {card.topic.title}</a>
        </p>
      )}
    </article>
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
