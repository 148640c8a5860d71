import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PolicyError } from '../../lib/policy/policySet';
import { policyDir } from '../../lib/policy/store';
import { CalendarFileSchema, DEFAULT_CALENDAR, loadCalendar, WorkingCalendar } from './calendar';

/** A calendar from file-shaped input, validated the way loadCalendar validates it. */
const calendar = (input: unknown) => new WorkingCalendar(CalendarFileSchema.parse(input));

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-calendar-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

/** Writes `text` to a fresh file under the temp dir and returns its path. */
let seq = 0;
function yamlFile(text: string): string {
  const file = path.join(temp, `calendar-${++seq}.yaml`);
  fs.writeFileSync(file, text);
  return file;
}

/** The problems loadCalendar reports for `text`, or a failure if it loads. */
function problemsOf(text: string): { file: string; problems: string[] } {
  const file = yamlFile(text);
  try {
    loadCalendar(file);
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyError);
    return { file, problems: (err as PolicyError).problems };
  }
  throw new Error('expected the calendar to be rejected');
}

describe('WorkingCalendar without holidays (the defaults)', () => {
  const cal = DEFAULT_CALENDAR;

  it('defaults to 10 working days, Saturday and Sunday off, Asia/Shanghai', () => {
    expect(cal.answerWithinWorkingDays).toBe(10);
    expect(cal.timeZone).toBe('Asia/Shanghai');
    expect(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'].map((d) => cal.isWorkingDay(d))).toEqual([true, true, true, true, true]);
    expect(cal.isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2026-11-22')).toBe(false); // Sunday
    expect(cal.isWorkingDay('2026-10-01')).toBe(true); // no holiday list: 国庆 is a plain Thursday
  });

  it('counts 10 working days strictly after a Friday across two weekends', () => {
    expect(cal.addWorkingDays('2026-11-20', 10)).toBe('2026-12-04');
    expect(cal.addWorkingDays('2026-11-20', 1)).toBe('2026-11-23'); // Monday, not the Friday itself
    expect(cal.addWorkingDays('2026-11-20', 0)).toBe('2026-11-20');
  });

  it('starts counting on the next working day when submitted on a weekend', () => {
    expect(cal.addWorkingDays('2026-11-21', 1)).toBe('2026-11-23');
    expect(cal.addWorkingDays('2026-11-22', 10)).toBe('2026-12-04');
  });

  it('crosses month and year ends and leap days in UTC arithmetic', () => {
    expect(cal.addWorkingDays('2026-12-31', 1)).toBe('2027-01-01'); // Thursday → Friday
    expect(cal.addWorkingDays('2028-02-25', 2)).toBe('2028-02-29'); // Fri → Tue, 2028 is a leap year
  });

  it('rejects malformed dates and negative or fractional counts', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2026-1-5')).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-11-20', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-11-20', 1.5)).toThrow(RangeError);
    expect(() => cal.localDate(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('holidays and make-up working days', () => {
  // Hypothetical: a holiday on Mon 2026-11-23 and Tue 2026-11-24, made up on Sat 2026-11-28.
  const cal = calendar({
    holidays: ['2026-11-23', { date: '2026-11-24', name: '假设节' }],
    workdays: [{ date: '2026-11-28', name: '假设节调休' }],
  });

  it('skips holidays and counts the make-up Saturday', () => {
    expect(cal.isWorkingDay('2026-11-23')).toBe(false);
    expect(cal.isWorkingDay('2026-11-24')).toBe(false);
    expect(cal.isWorkingDay('2026-11-28')).toBe(true);
    expect(cal.isWorkingDay('2026-11-29')).toBe(false); // the Sunday after stays off
    // Wed 25, Thu 26, Fri 27, Sat 28 (调休), Mon 30 … : two holidays lost, one Saturday gained.
    expect(cal.addWorkingDays('2026-11-20', 4)).toBe('2026-11-28');
    expect(cal.addWorkingDays('2026-11-20', 10)).toBe('2026-12-07');
  });

  it('only the holiday shifts the deadline when there is no make-up day', () => {
    const holidayOnly = calendar({ holidays: ['2026-11-23', '2026-11-24'] });
    expect(holidayOnly.addWorkingDays('2026-11-20', 10)).toBe('2026-12-08');
    const makeUpOnly = calendar({ workdays: ['2026-11-28'] });
    expect(makeUpOnly.addWorkingDays('2026-11-20', 10)).toBe('2026-12-03');
  });

  it('honours a non-default weekend and answer period', () => {
    const sixDayWeek = calendar({ weekend: [7], answerWithinWorkingDays: 3 });
    expect(sixDayWeek.isWorkingDay('2026-11-21')).toBe(true); // Saturday
    expect(sixDayWeek.dueDate(new Date('2026-11-20T02:00:00Z'))).toBe('2026-11-24'); // Sat, Mon, Tue
  });

  it('workingDaysBetween is the inverse of addWorkingDays, and negative when reversed', () => {
    for (const n of [0, 1, 4, 10, 25]) {
      expect(cal.workingDaysBetween('2026-11-20', cal.addWorkingDays('2026-11-20', n))).toBe(n);
    }
    expect(cal.workingDaysBetween('2026-11-20', '2026-11-27')).toBe(3); // 25, 26, 27
    expect(cal.workingDaysBetween('2026-11-27', '2026-11-20')).toBe(-3);
    expect(cal.workingDaysBetween('2026-11-20', '2026-11-20')).toBe(0);
  });
});

describe('dueDate and isOverdue use the local date in the calendar time zone', () => {
  const cal = DEFAULT_CALENDAR;

  it('a submission late on Thursday evening UTC is already Friday in Asia/Shanghai', () => {
    const submitted = new Date('2026-11-19T17:30:00Z'); // 2026-11-20 01:30 in Nanjing
    expect(cal.localDate(submitted)).toBe('2026-11-20');
    expect(cal.dueDate(submitted)).toBe('2026-12-04');
    // The same instant reckoned in UTC is still Thursday, which would make it due a day earlier.
    expect(calendar({ timeZone: 'UTC' }).dueDate(submitted)).toBe('2026-12-03');
  });

  it('one second before local midnight still counts as the earlier day', () => {
    expect(cal.localDate(new Date('2026-11-19T15:59:59Z'))).toBe('2026-11-19');
    expect(cal.localDate(new Date('2026-11-19T16:00:00Z'))).toBe('2026-11-20');
  });

  it('is not overdue before or on the due date, and is overdue from the next local day', () => {
    const due = '2026-12-04';
    expect(cal.isOverdue(due, new Date('2026-12-03T09:00:00+08:00'))).toBe(false);
    expect(cal.isOverdue(due, new Date('2026-12-04T23:59:59+08:00'))).toBe(false);
    expect(cal.isOverdue(due, new Date('2026-12-05T00:00:00+08:00'))).toBe(true);
    // 2026-12-04T16:30Z is already 5 December in Nanjing, though still the 4th in UTC.
    expect(cal.isOverdue(due, new Date('2026-12-04T16:30:00Z'))).toBe(true);
    expect(() => cal.isOverdue('2026-12-4', new Date())).toThrow(RangeError);
  });
});

describe('a calendar where no working day can come', () => {
  it('throws a clear error instead of looping forever', () => {
    // Built directly, past the schema (which refuses a seven-day weekend), as code might.
    const allOff = new WorkingCalendar({ answerWithinWorkingDays: 10, weekend: [1, 2, 3, 4, 5, 6, 7], holidays: [], workdays: [{ date: '2026-11-21' }], timeZone: 'Asia/Shanghai' });
    expect(allOff.addWorkingDays('2026-11-20', 1)).toBe('2026-11-21'); // the one make-up day
    expect(() => allOff.addWorkingDays('2026-11-20', 2)).toThrow(/no working day follows 2026-11-21/);
  });

  it('does not mistake the longest possible holiday run for an endless one', () => {
    // Only Sundays work, and five Sundays in a row are holidays: from Sun 2026-11-15 the next
    // working day is Sun 2026-12-27, after 41 days off — the longest run 5 holidays allow.
    const sundaysOnly = calendar({ weekend: [1, 2, 3, 4, 5, 6], holidays: ['2026-11-22', '2026-11-29', '2026-12-06', '2026-12-13', '2026-12-20'] });
    expect(sundaysOnly.addWorkingDays('2026-11-15', 1)).toBe('2026-12-27');
    expect(sundaysOnly.workingDaysBetween('2026-11-15', '2026-12-26')).toBe(0);
  });
});

describe('loadCalendar', () => {
  it('uses the defaults when the file is missing or holds only comments', () => {
    expect(loadCalendar(path.join(temp, 'does-not-exist.yaml'))).toBe(DEFAULT_CALENDAR);
    expect(loadCalendar(yamlFile('# nothing configured yet\n')).addWorkingDays('2026-11-20', 10)).toBe('2026-12-04');
  });

  it('accepts bare YAML 1.1 timestamps, which parse as JS Dates', () => {
    const cal = loadCalendar(yamlFile('%YAML 1.1\n---\nholidays:\n  - 2026-11-23\n  - { date: 2026-11-24, name: 假设节 }\nworkdays: [2026-11-28]\n'));
    expect(cal.isWorkingDay('2026-11-23')).toBe(false);
    expect(cal.isWorkingDay('2026-11-24')).toBe(false);
    expect(cal.isWorkingDay('2026-11-28')).toBe(true);
  });

  it('lists every problem as file: path: message', () => {
    const { file, problems } = problemsOf(
      [
        'answerWithinWorkingDays: 0',
        'weekend: [6, 8]',
        'holidays:',
        '  - 2026-02-30',
        '  - { date: "2026-13-01", name: 无此月 }',
        '  - 20261001',
        'timeZone: Asia/Nanjing',
        'deadline: 10',
      ].join('\n'),
    );
    expect(problems).toEqual([
      `${file}: answerWithinWorkingDays: Too small: expected number to be >0`,
      `${file}: weekend.1: Too big: expected number to be <=7`,
      `${file}: holidays.0: must be a real date as YYYY-MM-DD`,
      `${file}: holidays.1.date: must be a real date as YYYY-MM-DD`,
      `${file}: holidays.2: must be YYYY-MM-DD or { date: YYYY-MM-DD, name: … }`,
      `${file}: timeZone: must be an IANA time zone such as Asia/Shanghai`,
      `${file}: (root): Unrecognized key: "deadline"`,
    ]);
  });

  it('rejects a day that is both a holiday and a make-up working day, duplicates, and weekday make-up days', () => {
    const { file, problems } = problemsOf(
      ['holidays: ["2026-10-01", "2026-10-02", "2026-10-01"]', 'workdays: ["2026-10-10", "2026-10-02", "2026-10-09"]'].join('\n'),
    );
    expect(problems).toEqual([
      `${file}: holidays.2: 2026-10-01 is listed twice in holidays (also at holidays.0)`,
      `${file}: workdays.1: 2026-10-02 is both a holiday (holidays.1) and a make-up working day`,
      `${file}: workdays.2: 2026-10-09 is not a weekend day, so listing it as a make-up working day changes nothing (mistyped date?)`,
    ]);
  });

  it('rejects a weekend of all seven days', () => {
    const { file, problems } = problemsOf('weekend: [1, 2, 3, 4, 5, 6, 7]\n');
    expect(problems).toEqual([`${file}: weekend: weekend covers all seven days; no day would be a working day`]);
  });

  it('reports YAML syntax errors with the file name', () => {
    const { file, problems } = problemsOf('holidays: [2026-10-01\n');
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p.startsWith(`${file}: `)).toBe(true);
  });

  it('reads <policy dir>/calendar/working-days.yaml by default', () => {
    const dir = path.join(temp, 'policies');
    fs.mkdirSync(path.join(dir, 'calendar'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'calendar', 'working-days.yaml'), 'answerWithinWorkingDays: 3\n');
    const before = process.env.GOVGRAPH_POLICY_DIR;
    process.env.GOVGRAPH_POLICY_DIR = dir;
    try {
      expect(loadCalendar().answerWithinWorkingDays).toBe(3);
    } finally {
      if (before === undefined) delete process.env.GOVGRAPH_POLICY_DIR;
      else process.env.GOVGRAPH_POLICY_DIR = before;
    }
  });
});

describe('the committed policies/calendar/working-days.yaml', () => {
  const file = path.join(policyDir(), 'calendar', 'working-days.yaml');
  const cal = loadCalendar(file);
  const ymd = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay(); // 0 = Sunday, 6 = Saturday

  it('exists (a missing file would silently fall back to the defaults)', () => {
    expect(fs.existsSync(file)).toBe(true);
    expect(cal).not.toBe(DEFAULT_CALENDAR);
    expect(cal.answerWithinWorkingDays).toBe(10);
    expect(cal.timeZone).toBe('Asia/Shanghai');
  });

  it('has the 2026 holiday runs of 国办发明电〔2025〕7号', () => {
    const runs: Array<[string, number]> = [
      ['2026-01-01', 3], // 元旦
      ['2026-02-15', 9], // 春节
      ['2026-04-04', 3], // 清明节
      ['2026-05-01', 5], // 劳动节
      ['2026-06-19', 3], // 端午节
      ['2026-09-25', 3], // 中秋节
      ['2026-10-01', 7], // 国庆节
    ];
    const plus = (d: string, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    for (const [first, days] of runs) {
      for (let i = 0; i < days; i++) expect([plus(first, i), cal.isWorkingDay(plus(first, i))]).toEqual([plus(first, i), false]);
      // Each run starts and ends where the notice says: the days either side are working days
      // (2026-01-04 and 2026-02-14 only because they are make-up days).
      for (const edge of [plus(first, -1), plus(first, days)]) expect([edge, cal.isWorkingDay(edge)]).toEqual([edge, true]);
    }
  });

  it('has the 2026 make-up working days, each on the weekday the notice names', () => {
    const makeUp: Array<[string, number]> = [
      ['2026-01-04', 0], // 周日
      ['2026-02-14', 6], // 周六
      ['2026-02-28', 6],
      ['2026-05-09', 6],
      ['2026-09-20', 0], // 周日
      ['2026-10-10', 6],
    ];
    for (const [d, weekday] of makeUp) {
      expect([d, ymd(d)]).toEqual([d, weekday]);
      expect([d, cal.isWorkingDay(d)]).toEqual([d, true]);
    }
    // 2026 has exactly these six: every other weekend day of the year stays off.
    const weekendWorkdays: string[] = [];
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 86_400_000) {
      const d = new Date(t).toISOString().slice(0, 10);
      if ((ymd(d) === 0 || ymd(d) === 6) && cal.isWorkingDay(d)) weekendWorkdays.push(d);
    }
    expect(weekendWorkdays).toEqual(makeUp.map(([d]) => d));
  });

  it('2026 has 248 working days (365 − 104 weekend days − 19 weekday holidays + 6 make-up days)', () => {
    // Weekday holidays: 元旦 2 (1–2 Jan), 春节 6 (16–20, 23 Feb), 清明 1, 劳动节 3 (1, 4, 5 May),
    // 端午 1, 中秋 1, 国庆 5 (1, 2, 5, 6, 7 Oct).
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });

  it('moves deadlines across 国庆节 and its make-up Saturday', () => {
    expect(cal.isWorkingDay('2026-10-01')).toBe(false);
    // Submitted Fri 2026-09-25 (中秋, off) in Nanjing: Mon 28, Tue 29, Wed 30, then 国庆 1–7,
    // Thu 8, Fri 9, Sat 10 (调休), Mon 12, Tue 13, Wed 14, Thu 15 → the 10th working day.
    expect(cal.dueDate(new Date('2026-09-25T10:00:00+08:00'))).toBe('2026-10-15');
    expect(DEFAULT_CALENDAR.dueDate(new Date('2026-09-25T10:00:00+08:00'))).toBe('2026-10-09');
  });
});
