// Dates in words, one way everywhere: day, short month and year in the person's own locale
// ("29 Nov 2026" in British English, "Nov 29, 2026" in American English).

/** The locale the person reads in: the browser's first language, or the runtime's default. */
export function personLocale(): string | undefined {
  if (typeof navigator === 'undefined') return undefined;
  return navigator.languages[0] ?? navigator.language;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(
  locale: string | undefined,
  withYear: boolean,
  month: 'short' | 'long',
): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${withYear ? 'y' : ''}|${month}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month,
      ...(withYear ? { year: 'numeric' } : {}),
      timeZone: 'UTC',
    });
    formats.set(key, format);
  }
  return format;
}

/**
 * A date in words. Takes a local date (`2026-11-29`, read as that calendar day wherever the person is)
 * or a timestamp (`2026-11-29T08:15:00Z`, read as the calendar day it was where the person is now).
 * Anything unreadable comes back as it was.
 */
export function formatDate(
  value: string,
  {
    locale = personLocale(),
    year = true,
    month = 'short',
  }: { locale?: string | undefined; year?: boolean; month?: 'short' | 'long' } = {},
): string {
  let day: Date;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    day = new Date(`${value}T00:00:00Z`);
  } else {
    const at = new Date(value);
    if (Number.isNaN(at.getTime())) return value;
    // The calendar day in the person's time zone, drawn as a UTC date so the formatter does not shift it.
    day = new Date(Date.UTC(at.getFullYear(), at.getMonth(), at.getDate()));
  }
  if (Number.isNaN(day.getTime())) return value;
  return formatFor(locale, year, month).format(day);
}
