// The interview's `Asker` on a real terminal, with @clack/prompts. Only used when standard input is a terminal.
import * as p from '@clack/prompts';
import type { Asker, AskerOption } from './interview.js';

function orUndefined<T>(value: T): Exclude<T, symbol> | undefined {
  return typeof value === 'symbol' || p.isCancel(value) ? undefined : (value as Exclude<T, symbol>);
}

/** A typed yes or no; anything else (including nothing) is no answer. */
export function parseYesNo(text: string | undefined): boolean | undefined {
  const t = (text ?? '').trim().toLowerCase();
  if (t === 'y' || t === 'yes') return true;
  if (t === 'n' || t === 'no') return false;
  return undefined;
}

/** A typed choice: the option's number (from 1) or its label or value; anything else (including nothing) is no answer. */
export function parseChoice(
  text: string | undefined,
  options: readonly AskerOption[],
): string | undefined {
  const t = (text ?? '').trim().toLowerCase();
  if (t === '') return undefined;
  if (/^\d+$/.test(t)) return options[Number(t) - 1]?.value;
  return options.find((o) => o.label.toLowerCase() === t || o.value.toLowerCase() === t)?.value;
}

const withHelp = (text: string, help: string | undefined) => (help ? `${text}\n  ${help}` : text);

/** A yes or no typed out, with nothing pre-filled, asked again until it is one of them. */
async function typedYesNo(message: string): Promise<boolean | undefined> {
  const typed = orUndefined(
    await p.text({
      message,
      placeholder: 'type yes or no',
      validate: (v) => (parseYesNo(v) === undefined ? 'Please type yes or no.' : undefined),
    }),
  );
  return typed === undefined ? undefined : parseYesNo(typed);
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
    return typedYesNo(withHelp(text, help));
  },
  async choice({ text, help, options, explicit }) {
    if (!explicit) {
      return orUndefined(
        await p.select<string>({ message: withHelp(text, help), options: [...options] }),
      );
    }
    // A select always has its cursor on an option, which Enter would pick; a warning sign is typed instead.
    const numbered = options.map((o, i) => `  ${i + 1}. ${o.label}`).join('\n');
    const typed = orUndefined(
      await p.text({
        message: `${withHelp(text, help)}\n${numbered}`,
        placeholder: 'type the number of your answer',
        validate: (v) =>
          parseChoice(v, options) === undefined
            ? `Please type a number from 1 to ${options.length}.`
            : undefined,
      }),
    );
    return typed === undefined ? undefined : parseChoice(typed, options);
  },
  async multi({ text, options, required, explicit }) {
    for (;;) {
      const chosen = orUndefined(
        await p.multiselect<string>({ message: text, options: [...options], required }),
      );
      if (chosen === undefined || chosen.length > 0 || !explicit) return chosen;
      // On a warning sign, submitting nothing must be meant: it is confirmed by typing, else asked again.
      const none = await typedYesNo(`${text}\n  You chose none of these. Is that right?`);
      if (none === undefined) return undefined;
      if (none) return chosen;
    }
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
