// The one pain scale, 0 to 10, for the questions and the daily check-in. Until the person chooses, it shows
// no thumb and no fill, only a dashed line and "Not chosen yet": a score is never assumed (8 or more
// changes the advice). The number and its words show large once chosen.
import './pain-scale.css';

/** Plain words for a 0 to 10 pain score. */
export function painScaleWords(score: number): string {
  if (score <= 0) return 'no pain';
  if (score <= 3) return 'mild pain';
  if (score <= 6) return 'moderate pain';
  if (score <= 9) return 'severe pain';
  return 'the worst pain you can imagine';
}

export function PainScale({
  inputId,
  wrapperId,
  label,
  hint = 'Tap the line, or use the arrow keys. 0 means no pain. 10 means the worst pain you can imagine.',
  value,
  error,
  onPreview,
  onChange,
}: {
  /** The input's id (error links and labels point here). */
  inputId: string;
  /** The wrapper's id, when it differs from the input's. */
  wrapperId?: string;
  label: string;
  hint?: string;
  /** The chosen score, or null until the person chooses. */
  value: number | null;
  error: string | undefined;
  /** While the thumb moves: the number shows, nothing is decided on it yet. */
  onPreview: (value: number) => void;
  /** When the person lets go or presses a key: the answer counts. */
  onChange: (value: number) => void;
}) {
  const chosen = value !== null;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const choose = (input: HTMLInputElement) => {
    onChange(Number(input.value));
  };
  return (
    <div class={chosen ? 'pain-scale' : 'pain-scale pain-scale-unset'} id={wrapperId}>
      <label class="field" for={inputId}>
        {label}
      </label>
      <p class="hint" id={hintId}>
        {hint}
      </p>
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
      <p class="pain-scale-value" aria-hidden="true">
        {chosen ? (
          <>
            <strong>{value}</strong>
            <span> out of 10: {painScaleWords(value)}</span>
          </>
        ) : (
          <span class="pain-scale-none">Not chosen yet</span>
        )}
      </p>
      <input
        id={inputId}
        class="pain-range"
        type="range"
        min={0}
        max={10}
        step={1}
        value={value ?? 0}
        style={{ '--fill': `${String((value ?? 0) * 10)}%` }}
        aria-valuetext={chosen ? `${value} out of 10, ${painScaleWords(value)}` : 'Not chosen yet'}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        onInput={(event) => {
          onPreview(Number(event.currentTarget.value));
        }}
        onChange={(event) => {
          choose(event.currentTarget);
        }}
        onPointerUp={(event) => {
          choose(event.currentTarget);
        }}
        onKeyUp={(event) => {
          // Arrow keys at the ends move nothing: choosing with the keyboard still counts as choosing.
          if (/^(Arrow|Home|End|Page)/.test(event.key)) choose(event.currentTarget);
        }}
      />
      <div class="pain-scale-ticks" aria-hidden="true">
        {Array.from({ length: 11 }, (_, n) => (
          <span key={n} class={value === n ? 'tick tick-on' : 'tick'}>
            {n}
          </span>
        ))}
      </div>
      <div class="pain-scale-ends" aria-hidden="true">
        <span>No pain</span>
        <span>Worst</span>
      </div>
    </div>
  );
}
