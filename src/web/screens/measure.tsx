// Measure: the straight-leg-raise angle with the phone on the shin as a tilt meter (or typed in), and the toe touch.
import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { knowledgeBase as kb } from '../kb.js';
import { RadioGroup } from '../components/choice.js';
import { FailureNotice, ScreenTitle } from '../components/common.js';
import { ExerciseFigure } from '../components/figure.js';
import type { Failure, MeasurementBody, MeasurementView } from '../data/types.js';
import { localToday, useLoad } from '../hooks.js';
import { href } from '../router.js';
import {
  measureErrorsFromProblems,
  parseAngle,
  parseSide,
  parseToeTouch,
  toeTouchWords,
  type MeasureErrors,
  type MeasureField,
} from './measure-form.js';
import {
  INITIAL,
  listening,
  measureMessage,
  measureStep,
  type MeasureState,
} from './measure-machine.js';
import { formatDate } from '../format-date.js';
import './measure.css';
import { TextField } from '../components/text-field.js';

/** The straight-leg raise's key poses, for the picture of how to hold the phone. */
const SLR_KEYFRAMES =
  kb.exercises.find((e) => e.id === 'supine-straight-leg-raise')?.keyframes ?? [];

type PermissionRequest = () => Promise<string>;

/** iOS asks before sharing motion: `requestPermission` exists there, and may only be called from a tap. */
function permissionRequest(): PermissionRequest | null {
  if (typeof DeviceOrientationEvent === 'undefined') return null;
  const ctor = DeviceOrientationEvent as unknown as { requestPermission?: PermissionRequest };
  return typeof ctor.requestPermission === 'function'
    ? ctor.requestPermission.bind(DeviceOrientationEvent)
    : null;
}

const SIDE_OPTIONS = [
  { value: 'left', label: 'Left leg' },
  { value: 'right', label: 'Right leg' },
];

type SaveState =
  | { status: 'idle' }
  | { status: 'saving'; what: 'sensor' | 'typed' | 'toe' }
  | { status: 'saved'; what: 'sensor' | 'typed' | 'toe'; text: string }
  | { status: 'failed'; what: 'sensor' | 'typed' | 'toe'; failure: Failure };

export default function Measure() {
  const app = useApp();
  const { repo, version } = app;
  const [side, setSide] = useState<string | undefined>(undefined);
  const [angleText, setAngleText] = useState('');
  const [toeText, setToeText] = useState('');
  const [errors, setErrors] = useState<MeasureErrors>({});
  const [save, setSave] = useState<SaveState>({ status: 'idle' });
  const [sensor, dispatch] = useReducer<MeasureState, Parameters<typeof measureStep>[1]>(
    measureStep,
    INITIAL,
  );
  const recent = useLoad(() => repo.measurements(), [repo, version]);

  const send = async (
    what: 'sensor' | 'typed' | 'toe',
    body: Omit<MeasurementBody, 'date'>,
    text: string,
  ) => {
    setSave({ status: 'saving', what });
    const outcome = await repo.measure({ date: localToday(), ...body });
    if (outcome.ok) {
      const queued = outcome.value.queued
        ? ' Kept on this device for now; it will be sent to your account later.'
        : '';
      setSave({ status: 'saved', what, text: `${text}${queued}` });
      if (what === 'sensor') dispatch({ type: 'saved' });
      if (what === 'typed') setAngleText('');
      if (what === 'toe') setToeText('');
      app.changed();
      return;
    }
    if (outcome.error.kind === 'invalid') {
      setErrors(measureErrorsFromProblems(body.kind, outcome.error.problems));
      setSave({ status: 'idle' });
    } else {
      setSave({ status: 'failed', what, failure: outcome.error });
    }
  };

  /** Checks the side (and a typed angle), showing each problem on its field; null when fine. */
  const checkSide = (extra: MeasureErrors = {}): 'left' | 'right' | null => {
    const parsed = parseSide(side);
    const next: MeasureErrors = { ...extra };
    if (!parsed.ok) next.side = parsed.message;
    setErrors(next);
    const first = (['side', 'angle'] as const).find((f) => next[f] !== undefined);
    if (first) {
      focusField(first);
      return null;
    }
    return parsed.ok ? parsed.value : null;
  };

  const saveSensor = () => {
    if (sensor.phase !== 'steady') return;
    const chosen = checkSide();
    if (!chosen) return;
    void send(
      'sensor',
      { kind: 'slr-angle', side: chosen, value: sensor.angle },
      `Saved: ${chosen} leg, ${sensor.angle} degrees.`,
    );
  };

  const saveTyped = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const angle = parseAngle(angleText);
    const chosen = checkSide(angle.ok ? {} : { angle: angle.message });
    if (!chosen || !angle.ok) return;
    void send(
      'typed',
      { kind: 'slr-angle', side: chosen, value: angle.value },
      `Saved: ${chosen} leg, ${angle.value} degrees.`,
    );
  };

  const saveToe = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const cm = parseToeTouch(toeText);
    if (!cm.ok) {
      setErrors({ toeTouch: cm.message });
      focusField('toeTouch');
      return;
    }
    setErrors({});
    void send('toe', { kind: 'toe-touch', value: cm.value }, `Saved: ${toeTouchWords(cm.value)}.`);
  };

  const message = (what: 'sensor' | 'typed' | 'toe') =>
    save.status !== 'idle' && save.what === what ? <SaveMessage save={save} /> : null;

  return (
    <>
      <ScreenTitle>Measure</ScreenTitle>
      <p class="lead">
        Two simple measures of how the backs of your legs are doing. Do them the same way each time,
        so the numbers can be compared on your progress page.
      </p>

      <section aria-labelledby="slr-heading" class="measure-section">
        <h2 id="slr-heading">Straight-leg raise</h2>
        <p>
          How high you can lift one leg, with the knee straight, while lying on your back, before
          you feel a firm pull or pain. It is measured as the angle between the leg and the floor,
          in degrees: flat on the floor is 0°, pointing straight up is 90°.
        </p>
        <div class="notice notice-warning">
          <p>
            <strong>Stop at once</strong> if the pain sharpens or shoots further down your leg. Do
            not push into pain to get a bigger number.
          </p>
          <p class="small muted">Source: What Causes Lower Back and Hamstring Pain?</p>
        </div>
        <ExerciseFigure
          keyframes={SLR_KEYFRAMES}
          title="Lying on the back with one knee bent, lifting the other leg with the knee straight"
        />
        <RadioGroup
          name="slrSide"
          legend="Which leg are you measuring?"
          options={SIDE_OPTIONS}
          value={side}
          onChange={(v) => {
            setSide(v);
            setErrors((e) => ({ ...e, side: undefined }));
          }}
          error={errors.side}
          inline
        />

        <h3>With your phone as a tilt meter</h3>
        <ol class="steps">
          <li>
            Lie on your back on the floor or a firm bed. Bend the other knee with the foot flat, as
            in the picture.
          </li>
          <li>
            Lay the phone lengthways along the front of your shin, between the knee and the ankle.
            Hold it there with a long sock, a band or a strap. Any way up works.
          </li>
          <li>
            With the leg straight and flat on the floor, press <strong>Start measuring</strong>.
            Keep still while the phone takes its flat reading.
          </li>
          <li>
            When it says <strong>Ready</strong>, slowly raise the straight leg, keeping the knee
            straight, until you feel a firm pull or any pain. Stop there.
          </li>
          <li>
            Hold still until it says <strong>Steady</strong> (the phone also vibrates if it can).
            Lower the leg slowly, then save.
          </li>
        </ol>
        <SensorPanel state={sensor} dispatch={dispatch} onSave={saveSensor} />
        {message('sensor')}

        <h3 id="typed-heading">Or type the angle</h3>
        <p>
          If someone measured the angle for you, for example with a protractor or a goniometer (a
          ruler with a hinge for measuring joint angles), type it here.
        </p>
        <form noValidate onSubmit={saveTyped} aria-labelledby="typed-heading">
          <TextField
            field="angle"
            label="Angle in degrees (0 to 120)"
            hint="Whole degrees: 0 is flat on the floor, 90 is pointing straight up."
            inputMode="numeric"
            value={angleText}
            error={errors.angle}
            onChange={setAngleText}
          />
          <div class="actions">
            <button type="submit" class="primary" disabled={save.status === 'saving'}>
              Save typed angle
            </button>
          </div>
          {message('typed')}
        </form>
      </section>

      <section aria-labelledby="toe-heading" class="measure-section">
        <h2 id="toe-heading">Toe touch</h2>
        <ol class="steps">
          <li>Stand with your feet together and your knees straight.</li>
          <li>
            Slowly bend forward and let your hands reach down towards your toes, only as far as is
            comfortable. Skip this if bending forward sharpens the pain or sends it down your leg.
          </li>
          <li>
            Measure the gap between the tips of your middle fingers and the tips of your toes. It is
            easier if someone helps.
          </li>
        </ol>
        <form noValidate onSubmit={saveToe} aria-labelledby="toe-heading">
          <TextField
            field="toeTouch"
            label="Centimetres short of your toes"
            hint="0 if your fingertips just reach your toes. If they stop short, type the gap, for example 8. If they reach past your toes, type a minus number: -3 means 3 cm past."
            inputMode="text"
            value={toeText}
            error={errors.toeTouch}
            onChange={setToeText}
          />
          <div class="actions">
            <button type="submit" class="primary" disabled={save.status === 'saving'}>
              Save toe touch
            </button>
          </div>
          {message('toe')}
        </form>
      </section>

      <section aria-labelledby="recent-heading" class="measure-section">
        <h2 id="recent-heading">Your recent measurements</h2>
        <RecentMeasurements
          items={recent.status === 'ready' ? recent.value : null}
          failed={recent.status === 'failed'}
        />
        <p>
          <a href={href('progress')}>See them on your progress charts</a>
        </p>
      </section>
    </>
  );
}

function SensorPanel({
  state,
  dispatch,
  onSave,
}: {
  state: MeasureState;
  dispatch: (event: Parameters<typeof measureStep>[1]) => void;
  onSave: () => void;
}) {
  const on = listening(state);
  const [speak, setSpeak] = useState(false);
  const needsPermission = permissionRequest() !== null;
  const canSpeak = typeof speechSynthesis !== 'undefined';
  const message = measureMessage(state);
  const lastSpoken = useRef('');

  useEffect(() => {
    if (!on) return;
    const onOrientation = (event: DeviceOrientationEvent) => {
      dispatch({
        type: 'orientation',
        t: performance.now(),
        beta: event.beta,
        gamma: event.gamma,
      });
    };
    window.addEventListener('deviceorientation', onOrientation);
    const timer = window.setInterval(() => {
      dispatch({ type: 'tick', t: performance.now() });
    }, 250);
    return () => {
      window.removeEventListener('deviceorientation', onOrientation);
      window.clearInterval(timer);
    };
  }, [on, dispatch]);

  useEffect(() => {
    if (state.phase === 'steady' && 'vibrate' in navigator) navigator.vibrate(200);
  }, [state.phase]);

  // The screen is hard to read with the phone on the shin: the instructions can be spoken.
  useEffect(() => {
    if (!speak || !canSpeak || message === lastSpoken.current) return;
    lastSpoken.current = message;
    speechSynthesis.cancel();
    speechSynthesis.speak(new SpeechSynthesisUtterance(message));
  }, [speak, canSpeak, message]);

  const start = async () => {
    const ask = permissionRequest();
    if (ask) {
      try {
        if ((await ask()) !== 'granted') {
          dispatch({ type: 'denied' });
          return;
        }
      } catch {
        dispatch({ type: 'denied' });
        return;
      }
    }
    dispatch({ type: 'start', t: performance.now() });
  };

  const angle =
    state.phase === 'measuring'
      ? state.angle
      : state.phase === 'steady' || state.phase === 'saved'
        ? state.angle
        : null;
  const trouble = state.phase === 'no-sensor' || state.phase === 'denied';

  return (
    <div class={`sensor-panel sensor-${state.phase}`} data-phase={state.phase}>
      {needsPermission && state.phase === 'idle' && (
        <p>
          Your browser will ask to allow access to motion and orientation. Choose{' '}
          <strong>Allow</strong>: the readings stay on this device.
        </p>
      )}
      <p class="angle-readout" aria-hidden="true">
        {angle === null ? '–' : angle}
        <span class="angle-unit">°</span>
      </p>
      <p class="sensor-message" role="status" aria-live="polite">
        {state.phase === 'steady' && <span aria-hidden="true">✓ </span>}
        {message}
      </p>
      {trouble && !window.isSecureContext && (
        <p class="small">Motion sensors only work when the page is opened over https.</p>
      )}
      {canSpeak && (
        <label class="choice">
          <input
            type="checkbox"
            checked={speak}
            onChange={(e) => {
              setSpeak(e.currentTarget.checked);
            }}
          />
          <span>Speak the instructions aloud</span>
        </label>
      )}
      <div class="actions">
        {state.phase === 'steady' ? (
          <>
            <button type="button" class="primary" onClick={onSave}>
              Save this angle
            </button>
            <button
              type="button"
              onClick={() => {
                dispatch({ type: 'again' });
              }}
            >
              Measure again
            </button>
          </>
        ) : on ? (
          <button
            type="button"
            onClick={() => {
              dispatch({ type: 'reset' });
            }}
          >
            Stop
          </button>
        ) : (
          <button type="button" class="primary" onClick={() => void start()}>
            {trouble ? 'Try the sensor again' : 'Start measuring'}
          </button>
        )}
        {trouble && (
          <button
            type="button"
            onClick={() => {
              focusField('angle');
            }}
          >
            Type the angle instead
          </button>
        )}
      </div>
    </div>
  );
}

function SaveMessage({ save }: { save: Exclude<SaveState, { status: 'idle' }> }) {
  if (save.status === 'failed') return <FailureNotice failure={save.failure} />;
  return (
    <p class={save.status === 'saved' ? 'save-message saved' : 'save-message'} role="status">
      {save.status === 'saved' ? (
        <>
          <span aria-hidden="true">✓ </span>
          {save.text}
        </>
      ) : (
        'Saving…'
      )}
    </p>
  );
}

function RecentMeasurements({
  items,
  failed,
}: {
  items: MeasurementView[] | null;
  failed: boolean;
}) {
  if (failed) return <p class="muted">Your measurements could not be loaded.</p>;
  if (items === null) return <p class="muted">Loading…</p>;
  if (items.length === 0) return <p>None yet.</p>;
  const newest = [...items]
    .sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt))
    .slice(0, 5);
  return (
    <ul class="recent-measurements">
      {newest.map((m) => (
        <li key={m.id}>
          {formatDate(m.date)}:{' '}
          {m.kind === 'slr-angle'
            ? `${m.side === 'right' ? 'right' : m.side === 'left' ? 'left' : ''} leg raise ${m.value}°`
            : `toe touch, ${toeTouchWords(m.value)}`}
        </li>
      ))}
    </ul>
  );
}

/** Moves focus to a field's input, e.g. from "Type the angle instead" or a problem on save. */
function focusField(field: MeasureField) {
  const box = document.getElementById(field === 'side' ? 'q-slrSide' : `q-${field}`);
  if (!box) return;
  box.scrollIntoView({ block: 'center' });
  (box.querySelector<HTMLInputElement>('input') ?? box).focus();
}
