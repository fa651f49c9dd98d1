// Answer controls: radio groups and checkbox groups drawn as large rows, always inside a labelled fieldset.
import type { ComponentChildren } from 'preact';

export interface ChoiceOption {
  value: string;
  label: string;
  hint?: string;
}

/**
 * One answer from a list. `value` undefined means not answered yet: nothing is pre-selected, which is
 * what warning-sign questions need (a "no" must be given, never assumed).
 */
export function RadioGroup({
  name,
  legend,
  hint,
  options,
  value,
  onChange,
  error,
  inline = false,
  children,
}: {
  name: string;
  legend: string;
  hint?: string;
  options: readonly ChoiceOption[];
  value: string | undefined;
  onChange: (value: string) => void;
  error?: string | undefined;
  inline?: boolean;
  children?: ComponentChildren;
}) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const described = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset id={`q-${name}`} aria-describedby={described} aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
      <div class={inline ? 'choice-row' : undefined}>
        {options.map((o) => (
          <label class="choice" key={o.value}>
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => {
                onChange(o.value);
              }}
            />
            <span>
              {o.label}
              {o.hint && <span class="hint small"> {o.hint}</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Explicit yes or no, with neither chosen until the person chooses. */
export function YesNo(props: {
  name: string;
  legend: string;
  hint?: string;
  value: boolean | undefined;
  onChange: (value: boolean) => void;
  error?: string | undefined;
}) {
  return (
    <RadioGroup
      name={props.name}
      legend={props.legend}
      {...(props.hint ? { hint: props.hint } : {})}
      options={[
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ]}
      value={props.value === undefined ? undefined : props.value ? 'yes' : 'no'}
      onChange={(v) => {
        props.onChange(v === 'yes');
      }}
      error={props.error}
      inline
    />
  );
}

/** Any number of answers from a list. */
export function CheckGroup({
  name,
  legend,
  hint,
  options,
  values,
  onChange,
  error,
  children,
}: {
  name: string;
  legend: string;
  hint?: string;
  options: readonly ChoiceOption[];
  values: readonly string[];
  onChange: (values: string[]) => void;
  error?: string | undefined;
  children?: ComponentChildren;
}) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const described = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset id={`q-${name}`} aria-describedby={described} aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
      {options.map((o) => (
        <label class="choice" key={o.value}>
          <input
            type="checkbox"
            name={name}
            value={o.value}
            checked={values.includes(o.value)}
            onChange={(event) => {
              const on = event.currentTarget.checked;
              onChange(
                options
                  .map((x) => x.value)
                  .filter((v) => (v === o.value ? on : values.includes(v))),
              );
            }}
          />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
