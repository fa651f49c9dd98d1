// The intake's list of answers that need another look, each a link that moves focus to its control.
import {
  controlName,
  errorQuestionText,
  orderedErrors,
  type ErrorKey,
  type FieldErrors,
} from './intake-steps.js';

/** Puts focus on an answer's control: the chosen (or first) option of a group, or the input. */
export function focusControl(key: ErrorKey): void {
  const el = document.getElementById(`q-${controlName(key)}`);
  if (!el) return;
  if (el instanceof HTMLFieldSetElement) {
    const input =
      el.querySelector<HTMLInputElement>('input:checked') ??
      el.querySelector<HTMLInputElement>('input');
    input?.focus();
    return;
  }
  el.focus();
}
export function ErrorSummary({ errors }: { errors: FieldErrors }) {
  const list = orderedErrors(errors);
  return (
    <div class="notice notice-danger error-summary" role="alert">
      <p class="notice-title">
        {list.length === 1
          ? 'One answer needs another look before you go on'
          : `${String(list.length)} answers need another look before you go on`}
      </p>
      <ul>
        {list.map((e) => (
          <li key={e.key}>
            <a
              href={`#q-${controlName(e.key)}`}
              onClick={(event) => {
                event.preventDefault();
                focusControl(e.key);
              }}
            >
              {errorQuestionText(e.key)}
            </a>{' '}
            {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
