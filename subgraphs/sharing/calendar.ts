/**
 * The working-day calendar behind the answer deadline for conditional data: a providing
 * department answers an application within 10 working days (国发〔2016〕51号《政务信息资源
 * 共享管理暂行办法》). "Working day" is what the State Council's yearly holiday notice says:
 * weekends and public holidays are off, and some weekends become working days (调休), so a
 * plain Monday–Friday count would give the wrong deadline several times a year.
 *
 * The calendar lives in `policies/calendar/working-days.yaml`, edited by the platform's
 * operators each November when the next year's notice is published. It sits in a subfolder
 * because files directly in `policies/` are parsed as provider policies.
 *
 * All arithmetic is on calendar dates (YYYY-MM-DD), done with UTC `Date` math: a local-time
 * `Date` would shift by the host's zone and DST, and the deadline must not depend on where the
 * server runs. Instants (when an application was submitted, "now") become calendar dates only
 * through {@link WorkingCalendar.localDate}, in the calendar's own time zone.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { PolicyError } from '../../lib/policy/policySet';
import { formatIssues } from '../../lib/policy/schema';
import { policyDir } from '../../lib/policy/store';

const DAY_MS = 86_400_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `s` is YYYY-MM-DD *and* a real date (the regex alone lets 2026-02-30 through). */
function isCalendarDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC maps years 0–99 to 1900–1999; a round trip catches that and any overflow.
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** YYYY-MM-DD → days since 1970-01-01 (UTC, so no zone or DST can shift it). */
function dayNumber(date: string): number {
  if (!isCalendarDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** Days since 1970-01-01 → YYYY-MM-DD. */
function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/**
 * A date as YAML gives it: a string, or a JS Date when the file opts into YAML 1.1 timestamps
 * (`%YAML 1.1`) — accept both, as lib/policy/schema.ts does, so the operator's choice of YAML
 * version cannot turn a valid calendar into an error.
 */
const DateSchema = z
  .union([z.date(), z.string()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .refine(isCalendarDate, 'must be a real date as YYYY-MM-DD');

/** A holiday or make-up day: a bare date, or a date with the festival's name (for people). */
const DayEntrySchema = z
  .union([DateSchema, z.object({ date: DateSchema, name: z.string().trim().min(1) }).strict()], {
    // zod's own union message is a bare "Invalid input"; say which two shapes are accepted.
    error: 'must be YYYY-MM-DD or { date: YYYY-MM-DD, name: … }',
  })
  .transform((v): { date: string; name?: string } => (typeof v === 'string' ? { date: v } : v));

/** Whether Intl knows `timeZone` (an unknown zone is a RangeError when formatting starts). */
function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** `policies/calendar/working-days.yaml`, validated so a typo is a clear error with its path. */
export const CalendarFileSchema = z
  .object({
    /**
     * Working days a providing department has to answer an application for conditional data.
     * @default 10 (国发〔2016〕51号: 10 个工作日内予以答复)
     */
    answerWithinWorkingDays: z.number().int().positive().default(10),
    /** ISO weekdays that are off unless listed in `workdays`; 1 = Monday … 7 = Sunday. @default [6, 7] */
    weekend: z.array(z.number().int().min(1).max(7)).default([6, 7]),
    /** Days off that would otherwise be working days (放假), with or without a name. @default [] */
    holidays: z.array(DayEntrySchema).default([]),
    /** Weekend days declared working days (调休上班); they override `weekend`. @default [] */
    workdays: z.array(DayEntrySchema).default([]),
    /** IANA zone in which "the day an application was submitted" is reckoned. @default 'Asia/Shanghai' */
    timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai').default('Asia/Shanghai'),
  })
  .strict()
  .superRefine((f, ctx) => {
    // Every day would be off, so a deadline could never be reached: refuse the file rather
    // than hang (WorkingCalendar guards at run time too, for calendars built in code).
    if (new Set(f.weekend).size === 7) {
      ctx.addIssue({ code: 'custom', message: 'weekend covers all seven days; no day would be a working day', path: ['weekend'] });
    }
    const seen = (list: 'holidays' | 'workdays') => {
      const at = new Map<string, number>();
      f[list].forEach((e, i) => {
        if (at.has(e.date)) {
          ctx.addIssue({ code: 'custom', message: `${e.date} is listed twice in ${list} (also at ${list}.${at.get(e.date)})`, path: [list, i] });
        } else at.set(e.date, i);
      });
      return at;
    };
    const holidays = seen('holidays');
    seen('workdays');
    const weekend = new Set(f.weekend);
    f.workdays.forEach((e, i) => {
      // A day cannot be both; which one wins would be a guess about the operator's intent.
      if (holidays.has(e.date)) {
        ctx.addIssue({ code: 'custom', message: `${e.date} is both a holiday (holidays.${holidays.get(e.date)}) and a make-up working day`, path: ['workdays', i] });
      } else if (!weekend.has(isoWeekday(dayNumber(e.date)))) {
        // 调休 only ever turns a weekend day into a working day; a weekday here changes nothing,
        // so it is almost certainly a mistyped date (e.g. 02-13 for the Saturday 02-14).
        ctx.addIssue({ code: 'custom', message: `${e.date} is not a weekend day, so listing it as a make-up working day changes nothing (mistyped date?)`, path: ['workdays', i] });
      }
    });
  });

/** A validated calendar file, defaults applied. */
export type CalendarFile = z.output<typeof CalendarFileSchema>;

/** Answers "which days count" and "when is the answer due" for one calendar. */
export class WorkingCalendar {
  /** Working days to answer an application (see {@link CalendarFileSchema}). */
  readonly answerWithinWorkingDays: number;
  /** The zone in which instants become calendar dates. */
  readonly timeZone: string;
  private readonly weekend: ReadonlySet<number>;
  private readonly holidays: ReadonlySet<string>;
  private readonly workdays: ReadonlySet<string>;
  private readonly formatter: Intl.DateTimeFormat;
  /**
   * Longest run of non-working days that can occur while some weekday is outside the
   * weekend: every 7 consecutive days contain a non-weekend day, which can only be off if it
   * is a holiday, so a run longer than 7 × (holidays + 1) means no working day ever comes.
   */
  private readonly maxRunOff: number;

  constructor(file: CalendarFile) {
    this.answerWithinWorkingDays = file.answerWithinWorkingDays;
    this.timeZone = file.timeZone;
    this.weekend = new Set(file.weekend);
    this.holidays = new Set(file.holidays.map((h) => h.date));
    this.workdays = new Set(file.workdays.map((w) => w.date));
    // en-CA's pattern is YYYY-MM-DD, but formatToParts is used below so a change in ICU's
    // locale data cannot silently change the date format.
    this.formatter = new Intl.DateTimeFormat('en-CA', { timeZone: file.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    this.maxRunOff = 7 * (this.holidays.size + 1);
  }

  /** Whether `date` (YYYY-MM-DD) is a working day: a make-up day, or neither weekend nor holiday. */
  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(dayNumber(date));
  }

  /**
   * The `n`-th working day strictly after `from` (the day of submission does not count, even
   * if it is a working day; 0 gives `from` itself). Fri 2026-11-20 + 10 → Fri 2026-12-04.
   * @throws RangeError for a malformed date or a negative / fractional `n`
   * @throws Error when no further working day exists (a calendar with every day off)
   */
  addWorkingDays(from: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a non-negative integer, got ${n}`);
    let day = dayNumber(from);
    let runOff = 0;
    for (let left = n; left > 0; ) {
      day += 1;
      if (this.isWorkingDayNumber(day)) {
        left -= 1;
        runOff = 0;
      } else if (++runOff > this.maxRunOff) {
        throw new Error(
          `no working day follows ${dateOf(day - runOff)}: weekend [${[...this.weekend].sort().join(', ')}] leaves no weekday and no make-up workday comes later; fix the calendar file`,
        );
      }
    }
    return dateOf(day);
  }

  /**
   * The day an application submitted at `submittedAt` must be answered by: its local date in
   * {@link timeZone}, plus {@link answerWithinWorkingDays} working days.
   */
  dueDate(submittedAt: Date): string {
    return this.addWorkingDays(this.localDate(submittedAt), this.answerWithinWorkingDays);
  }

  /** Whether an answer due on `dueOn` is late at `now`: the whole due day still counts as in time. */
  isOverdue(dueOn: string, now: Date): boolean {
    return this.localDate(now) > dateOf(dayNumber(dueOn)); // YYYY-MM-DD compares as text
  }

  /**
   * Working days in (`fromExclusive`, `toInclusive`], so
   * `workingDaysBetween(d, addWorkingDays(d, n)) === n`. Negative when `toInclusive` is before
   * `fromExclusive` (days overdue), so that `between(a, b) === -between(b, a)`.
   */
  workingDaysBetween(fromExclusive: string, toInclusive: string): number {
    const from = dayNumber(fromExclusive);
    const to = dayNumber(toInclusive);
    if (to < from) return -this.workingDaysBetween(toInclusive, fromExclusive);
    let count = 0;
    for (let day = from + 1; day <= to; day++) if (this.isWorkingDayNumber(day)) count++;
    return count;
  }

  /** The calendar date (YYYY-MM-DD) of instant `d` in {@link timeZone}. */
  localDate(d: Date): string {
    if (Number.isNaN(d.getTime())) throw new RangeError('invalid Date');
    const parts = Object.fromEntries(this.formatter.formatToParts(d).map((p) => [p.type, p.value]));
    return `${String(parts.year).padStart(4, '0')}-${parts.month}-${parts.day}`;
  }

  private isWorkingDayNumber(day: number): boolean {
    const date = dateOf(day);
    if (this.workdays.has(date)) return true;
    return !this.weekend.has(isoWeekday(day)) && !this.holidays.has(date);
  }
}

/** The calendar when no file is configured: 10 working days, Saturday and Sunday off, no holidays. */
export const DEFAULT_CALENDAR: WorkingCalendar = new WorkingCalendar(CalendarFileSchema.parse({}));

/** Where the calendar file is read from. @default `<policy dir>/calendar/working-days.yaml` */
export function calendarFile(): string {
  return path.join(policyDir(), 'calendar', 'working-days.yaml');
}

/**
 * Reads the calendar file. A missing file (or one holding only comments) means the defaults
 * ({@link DEFAULT_CALENDAR}): a deployment without holiday data still gets weekend-aware
 * deadlines. An invalid file throws — a wrong calendar would move legal deadlines silently.
 * @param file the YAML file to read. @default {@link calendarFile}()
 * @throws PolicyError (an Error) whose message lists every problem as `file: path: message`
 */
export function loadCalendar(file: string = calendarFile()): WorkingCalendar {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_CALENDAR;
    throw err;
  }
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) throw new PolicyError(doc.errors.map((e) => `${file}: ${e.message.split('\n')[0]}`));
  const parsed = CalendarFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) throw new PolicyError(formatIssues(file, parsed.error));
  return new WorkingCalendar(parsed.data);
}
