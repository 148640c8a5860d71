/**
 * The calendar date in China (Asia/Shanghai, UTC+8, no daylight saving) — the date grants'
 * validity windows, application dates and deadlines are written in. Using the UTC date instead
 * would make a grant that starts "today" invalid until 08:00 Beijing time.
 */
const FORMAT = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** `YYYY-MM-DD` of `d` in Asia/Shanghai. */
export function chinaDate(d: Date): string {
  return FORMAT.format(d);
}
