// A labelled one-line answer with its hint and error tied to the input for screen readers.
export function TextField({
  field,
  label,
  hint,
  inputMode,
  value,
  error,
  onChange,
  extraClass,
}: {
  /** Names the ids: `q-<field>` on the wrapper (error links point there), `<field>-input` on the input. */
  field: string;
  label: string;
  hint: string;
  inputMode: 'decimal' | 'numeric' | 'text';
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  extraClass?: string;
}) {
  const described = [`${field}-hint`, error ? `${field}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={extraClass ? `text-field ${extraClass}` : 'text-field'} id={`q-${field}`}>
      <label class="field" for={`${field}-input`}>
        {label}
      </label>
      <p class="hint" id={`${field}-hint`}>
        {hint}
      </p>
      {error && (
        <p class="field-error" id={`${field}-error`}>
          {error}
        </p>
      )}
      <input
        id={`${field}-input`}
        type="text"
        inputMode={inputMode}
        autoComplete="off"
        value={value}
        aria-describedby={described}
        aria-invalid={error ? true : undefined}
        onInput={(e) => {
          onChange(e.currentTarget.value);
        }}
      />
    </div>
  );
}
