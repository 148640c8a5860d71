/**
 * Applications by state over time (统计): per calendar day (the working-day calendar's zone,
 * Asia/Shanghai by default), how many were submitted, how many were decided each way, and how
 * many were still pending at the day's end — from grant_application's submitted_at,
 * decided_at and final status. Only applications the caller may see are counted (its own
 * department's, those addressed to it, or all for the platform operator), as `applications`.
 */
import type { Knex } from 'knex';
import { errors } from '../../lib/errors';
import type { WorkingCalendar } from './calendar';

export interface ApplicationDayModel {
  date: string;
  submitted: number;
  approved: number;
  partiallyApproved: number;
  rejected: number;
  withdrawn: number;
  pending: number;
}

/** The longest series one call returns. */
export const MAX_TREND_DAYS = 366;
const DEFAULT_DAYS = 30;
const DAY_MS = 86_400_000;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export async function applicationTrend(
  knex: Knex,
  calendar: WorkingCalendar,
  visibleTo: string[] | undefined,
  from: string | null | undefined,
  to: string | null | undefined,
  now: Date,
): Promise<ApplicationDayModel[]> {
  const last = to ?? calendar.localDate(now);
  const first = from ?? dateOf(dayNumber(last) - (DEFAULT_DAYS - 1));
  const span = dayNumber(last) - dayNumber(first) + 1;
  if (!(span >= 1)) throw errors.badUserInput('from must be a date on or before to', 'from');
  if (span > MAX_TREND_DAYS) throw errors.badUserInput(`at most ${MAX_TREND_DAYS} days at once`, 'from');

  // A day either side covers any zone's offset; the exact day is taken below in the calendar's zone.
  const q = knex('grant_application as a')
    .select('a.status', 'a.submitted_at', 'a.decided_at')
    .where('a.submitted_at', '<', new Date((dayNumber(last) + 2) * DAY_MS).toISOString())
    .andWhere((w) => w.whereNull('a.decided_at').orWhere('a.decided_at', '>=', new Date((dayNumber(first) - 1) * DAY_MS).toISOString()));
  if (visibleTo) {
    q.where((w) => w.whereIn('a.consumer', visibleTo).orWhereExists(knex('application_review as r').whereRaw('r.application_id = a.id').whereIn('r.provider', visibleTo)));
  }
  const rows = (await q) as Array<{ status: string; submitted_at: Date | string; decided_at: Date | string | null }>;
  const apps = rows.map((r) => ({
    status: r.status,
    submitted: calendar.localDate(new Date(r.submitted_at)),
    decided: r.decided_at ? calendar.localDate(new Date(r.decided_at)) : null,
  }));

  const days: ApplicationDayModel[] = [];
  for (let d = dayNumber(first); d <= dayNumber(last); d++) {
    const date = dateOf(d);
    const decidedToday = (status: string) => apps.filter((a) => a.decided === date && a.status === status).length;
    days.push({
      date,
      submitted: apps.filter((a) => a.submitted === date).length,
      approved: decidedToday('APPROVED'),
      partiallyApproved: decidedToday('PARTIALLY_APPROVED'),
      rejected: decidedToday('REJECTED'),
      withdrawn: decidedToday('WITHDRAWN'),
      pending: apps.filter((a) => a.submitted <= date && (a.decided === null || a.decided > date)).length,
    });
  }
  return days;
}
