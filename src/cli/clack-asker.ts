// The interview's `Asker` on a real terminal, with @clack/prompts. Only used when standard input is a terminal.
import * as p from '@clack/prompts';
import type { Asker } from './interview.js';

function orUndefined<T>(value: T): Exclude<T, symbol> | undefined {
  return typeof value === 'symbol' || p.isCancel(value) ? undefined : (value as Exclude<T, symbol>);
}

function parseYesNo(text: string | undefined): boolean | undefined {
  const t = (text ?? '').trim().toLowerCase();
  if (t === 'y' || t === 'yes') return true;
  if (t === 'n' || t === 'no') return false;
  return undefined;
}

export const clackAsker: Asker = {
  section(title) {
    p.log.step(title);
  },
  note(text) {
    p.note(text);
  },
  async yesNo({ text, help, explicit }) {
    if (!explicit) {
      return orUndefined(await p.confirm({ message: text, initialValue: false }));
    }
    // Warning signs are typed out: nothing is pre-selected, so "no" is never a default.
    const typed = orUndefined(
      await p.text({
        message: help ? `${text}\n  ${help}` : text,
        placeholder: 'type yes or no',
        validate: (v) => (parseYesNo(v) === undefined ? 'Please type yes or no.' : undefined),
      }),
    );
    return typed === undefined ? undefined : parseYesNo(typed);
  },
  async choice({ text, help, options }) {
    return orUndefined(
      await p.select<string>({
        message: help ? `${text}\n  ${help}` : text,
        options: [...options],
      }),
    );
  },
  async multi({ text, options, required }) {
    return orUndefined(
      await p.multiselect<string>({ message: text, options: [...options], required }),
    );
  },
  async number({ text, min, max, integer, required }) {
    const typed = orUndefined(
      await p.text({
        message: text,
        validate: (v) => {
          const t = (v ?? '').trim();
          if (t === '') return required ? 'An answer is needed here.' : undefined;
          const n = Number(t);
          if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
            return integer ? 'Please type a whole number.' : 'Please type a number.';
          }
          if (min !== undefined && n < min) return `The smallest answer is ${min}.`;
          if (max !== undefined && n > max) return `The largest answer is ${max}.`;
          return undefined;
        },
      }),
    );
    if (typed === undefined) return undefined;
    return typed.trim() === '' ? null : Number(typed);
  },
};
