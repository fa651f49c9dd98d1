// The intake's optional STarT Back step: whether to answer, then the nine statements.
import { RadioGroup } from '../components/choice.js';
import { START_BACK_Q9_OPTIONS } from '../../words/labels.js';
import { KEELE_NOTICE, START_BACK_ITEMS } from '../../engine/start-back.js';
import {
  START_BACK_KEYS,
  type Draft,
  type ErrorKey,
  type FieldErrors,
  type StartBackKey,
} from './intake-steps.js';

export function StartBackStep({
  draft,
  errors,
  update,
}: {
  draft: Draft;
  errors: FieldErrors;
  update: (change: (d: Draft) => Draft, cleared: readonly ErrorKey[]) => void;
}) {
  const setItem = (key: StartBackKey, value: boolean | string) => {
    update((d) => ({ ...d, startBack: { ...d.startBack, [key]: value } }), [`startBack.${key}`]);
  };
  return (
    <>
      <p class="small muted keele-notice">{KEELE_NOTICE}</p>
      <RadioGroup
        name="wantsStartBack"
        legend="Would you like to answer nine more short questions about how the pain affects you?"
        hint="They are optional. Your result and programme do not need them."
        options={[
          { value: 'yes', label: 'Yes, answer them' },
          { value: 'no', label: 'No, skip them' },
        ]}
        value={draft.wantsStartBack === undefined ? undefined : draft.wantsStartBack ? 'yes' : 'no'}
        onChange={(v) => {
          update((d) => ({ ...d, wantsStartBack: v === 'yes' }), ['wantsStartBack']);
        }}
        error={errors.wantsStartBack}
      />
      {draft.wantsStartBack === true && (
        <>
          <p>Thinking about the last 2 weeks, choose your answer to each statement.</p>
          {START_BACK_KEYS.filter((k) => k !== 'q9').map((key, i) => {
            const v = draft.startBack[key];
            return (
              <RadioGroup
                key={key}
                name={`startBack-${key}`}
                legend={`${String(i + 1)}. ${START_BACK_ITEMS[key]}`}
                options={[
                  { value: 'agree', label: 'Agree' },
                  { value: 'disagree', label: 'Disagree' },
                ]}
                value={typeof v === 'boolean' ? (v ? 'agree' : 'disagree') : undefined}
                onChange={(answer) => {
                  setItem(key, answer === 'agree');
                }}
                error={errors[`startBack.${key}`]}
                inline
              />
            );
          })}
          <RadioGroup
            name="startBack-q9"
            legend={`9. ${START_BACK_ITEMS.q9}`}
            options={START_BACK_Q9_OPTIONS}
            value={typeof draft.startBack.q9 === 'string' ? draft.startBack.q9 : undefined}
            onChange={(answer) => {
              setItem('q9', answer);
            }}
            error={errors['startBack.q9']}
          />
        </>
      )}
    </>
  );
}
