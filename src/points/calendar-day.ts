/** Building a formatter costs far more than using one: one per time zone, made on first use. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) that `instant` falls on in `timeZone`. */
export function calendarDay(instant: Date, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  return format.format(instant);
}

/** True when `timeZone` is a zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Points for day `streak` of a run: base, plus a bonus growing each consecutive day, capped. */
export function checkinReward(streak: number, rules: { base: number; bonus: number; cap: number }): number {
  return rules.base + Math.min((streak - 1) * rules.bonus, rules.cap);
}
