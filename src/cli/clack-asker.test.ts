// The terminal asker against a stand-in for @clack/prompts: warning signs are typed, with nothing pre-selected.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const prompts = vi.hoisted(() => ({
  text: vi.fn<(opts: Record<string, unknown>) => Promise<string | symbol>>(),
  select: vi.fn<(opts: Record<string, unknown>) => Promise<string | symbol>>(),
  confirm: vi.fn<(opts: Record<string, unknown>) => Promise<boolean | symbol>>(),
  multiselect: vi.fn<(opts: Record<string, unknown>) => Promise<string[] | symbol>>(),
}));
vi.mock('@clack/prompts', () => ({
  ...prompts,
  isCancel: (v: unknown) => typeof v === 'symbol',
  log: { step: () => undefined },
  note: () => undefined,
}));

const { clackAsker, parseChoice } = await import('./clack-asker.js');

const TRAUMA = [
  { value: 'none', label: 'No' },
  { value: 'minor', label: 'Yes, a minor one' },
  { value: 'major', label: 'Yes, a major one' },
];
type Validate = (v: string | undefined) => string | undefined;
const onlyCall = (fn: { mock: { calls: [Record<string, unknown>][] } }) => {
  expect(fn.mock.calls).toHaveLength(1);
  return fn.mock.calls[0]?.[0] ?? {};
};
const PRESETS = ['initialValue', 'initialValues', 'defaultValue', 'cursorAt'];

beforeEach(() => {
  vi.clearAllMocks();
});

describe('clackAsker', () => {
  it('types a warning choice out: no select, nothing pre-filled, empty and unknown answers refused', async () => {
    prompts.text.mockResolvedValueOnce('3');
    const got = await clackAsker.choice({ text: 'A fall?', options: TRAUMA, explicit: true });
    expect(got).toBe('major');
    expect(prompts.select).not.toHaveBeenCalled();
    const opts = onlyCall(prompts.text);
    expect(PRESETS.filter((k) => k in opts)).toEqual([]);
    expect(opts.message).toMatch(/1\. No\n {2}2\. Yes, a minor one\n {2}3\. Yes, a major one/);
    const validate = opts.validate as Validate;
    expect(validate('')).toBeTypeOf('string');
    expect(validate(undefined)).toBeTypeOf('string');
    expect(validate('4')).toBeTypeOf('string');
    expect(validate('maybe')).toBeTypeOf('string');
    expect(validate('1')).toBeUndefined();
    expect(validate(' no ')).toBeUndefined();
  });

  it('keeps a select for a choice that is not a warning sign', async () => {
    prompts.select.mockResolvedValueOnce('minor');
    expect(await clackAsker.choice({ text: 'Q', options: TRAUMA, explicit: false })).toBe('minor');
    expect(prompts.text).not.toHaveBeenCalled();
  });

  it('types a warning yes or no out, refusing an empty answer', async () => {
    prompts.text.mockResolvedValueOnce('No');
    expect(await clackAsker.yesNo({ text: 'Q', explicit: true })).toBe(false);
    expect(prompts.confirm).not.toHaveBeenCalled();
    const opts = onlyCall(prompts.text);
    expect(PRESETS.filter((k) => k in opts)).toEqual([]);
    expect((opts.validate as Validate)('')).toBeTypeOf('string');
  });

  it('pre-selects nothing on a warning multi, and asks again when an empty answer is not confirmed', async () => {
    prompts.multiselect.mockResolvedValueOnce([]).mockResolvedValueOnce(['minor']);
    prompts.text.mockResolvedValueOnce('no');
    const got = await clackAsker.multi({
      text: 'Q',
      options: TRAUMA,
      required: false,
      explicit: true,
    });
    expect(got).toEqual(['minor']);
    expect(prompts.multiselect).toHaveBeenCalledTimes(2);
    for (const [opts] of prompts.multiselect.mock.calls) {
      expect(PRESETS.filter((k) => k in opts)).toEqual([]);
    }
  });

  it('returns undefined when the person cancels a warning choice', async () => {
    prompts.text.mockResolvedValueOnce(Symbol('cancel'));
    expect(await clackAsker.choice({ text: 'Q', options: TRAUMA, explicit: true })).toBeUndefined();
  });
});

describe('parseChoice', () => {
  it.each([
    ['2', 'minor'],
    ['yes, a major one', 'major'],
    ['none', 'none'],
    ['', undefined],
    ['0', undefined],
    ['2.5', undefined],
  ])('%j gives %j', (typed, value) => {
    expect(parseChoice(typed, TRAUMA)).toBe(value);
  });
});
