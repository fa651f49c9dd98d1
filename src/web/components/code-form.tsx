// The form to type a clinician's invitation code: one labelled field that takes the code or the whole
// link, says plainly what is wrong with it, and opens the invitation screen (#/link/<code>).
import { useState } from 'preact/hooks';
import { navigate } from '../router.js';
import { readCode } from '../screens/link-words.js';
import './code-form.css';

export function CodeForm({ id, label = 'Invitation code' }: { id: string; label?: string }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = `${id}-input`;
  return (
    <form
      class="code-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const read = readCode(value);
        if (!read.ok) {
          setError(read.message);
          document.getElementById(inputId)?.focus();
          return;
        }
        setError(null);
        navigate('link', read.code);
      }}
    >
      <label class="field" for={inputId}>
        {label}
      </label>
      <p class="hint" id={`${id}-hint`}>
        8 letters and digits, like ABCD-EF23. You can paste the whole link.
      </p>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <div class="code-form-row">
        <input
          id={inputId}
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellcheck={false}
          value={value}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={error ? true : undefined}
          onInput={(e) => {
            setValue(e.currentTarget.value);
          }}
        />
        <button type="submit">Open the invitation</button>
      </div>
    </form>
  );
}
