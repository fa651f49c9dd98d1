// The device's copies of the API's answers (kept to show offline) carry the version of the answers' shape.
// A copy of another version is not read: it is only a copy, and the next answer online replaces it, while a
// screen given a shape it does not know could show nonsense. Copies kept before versions existed are
// version 1, the shape of today. Bump ANSWER_COPY_VERSION when an answer's shape changes in a way an older
// screen or a newer one could misread (src/service/responses.ts).
export const ANSWER_COPY_VERSION = 1;

interface Wrapped {
  answerCopy: number;
  value: unknown;
}

function isWrapped(stored: unknown): stored is Wrapped {
  return (
    typeof stored === 'object' &&
    stored !== null &&
    'answerCopy' in stored &&
    typeof stored.answerCopy === 'number' &&
    'value' in stored
  );
}

/** An answer as the device keeps it. */
export function answerCopy(value: unknown, version = ANSWER_COPY_VERSION): Wrapped {
  return { answerCopy: version, value };
}

/** The answer a kept copy holds, or undefined when there is none or it is of another version. */
export function fromAnswerCopy(stored: unknown, version = ANSWER_COPY_VERSION): unknown {
  if (stored === undefined) return undefined;
  const kept = isWrapped(stored) ? stored : { answerCopy: 1, value: stored };
  return kept.answerCopy === version ? kept.value : undefined;
}
