/**
 * Measured use and responsiveness per provider department — what the seeds ask to be
 * measured (use of shared data, answers to applications and error reports), rather than a
 * count of catalog entries.
 *
 * Use is read from the access log: every request that read (or was refused) a provider's
 * personal data left a record there. Non-personal reads are not logged, so they are not
 * counted; the README says so.
 */
import type { Knex } from 'knex';
import { toCount } from '../../lib/db';
import type { WorkingCalendar } from './calendar';

export interface ProviderStatisticsModel {
  provider: string;
  requests: number;
  accessRecords: number;
  consumers: Array<{ department: string; requests: number }>;
  openDataIssues: number;
  resolvedDataIssues: number;
  averageDataIssueHours: number | null;
  pendingApplications: number;
  overdueApplications: number;
  averageApplicationWorkingDays: number | null;
}

type Row = Record<string, unknown>;

export async function providerStatistics(knex: Knex, providers: string[], calendar: WorkingCalendar, from: Date, to: Date, now: Date): Promise<ProviderStatisticsModel[]> {
  const window = (q: Knex.QueryBuilder, column: string) => q.where(column, '>=', from.toISOString()).andWhere(column, '<', to.toISOString());

  const [use, consumers, open, resolved, pending, decided] = await Promise.all([
    window(knex('access_log').select('provider').select(knex.raw('count(*) as records, count(distinct request_id) as requests')).where('kind', 'data'), 'at').groupBy('provider'),
    window(knex('access_log').select('provider', 'dept').select(knex.raw('count(distinct request_id) as requests')).where('kind', 'data'), 'at').groupBy('provider', 'dept'),
    knex('data_issue').select('provider').count({ n: '*' }).whereNot('status', 'RESOLVED').groupBy('provider'),
    window(
      knex('data_issue').select('provider').select(knex.raw('count(*) as n, avg(extract(epoch from (resolved_at - reported_at))) / 3600.0 as hours')).where('status', 'RESOLVED'),
      'resolved_at',
    ).groupBy('provider'),
    knex('application_review as r').join('grant_application as a', 'a.id', 'r.application_id').select('r.provider', 'a.due_on').where('r.status', 'PENDING').andWhere('a.status', 'PENDING'),
    // Answers are decisions: a part closed by the consumer's withdrawal is none.
    window(knex('application_review as r').join('grant_application as a', 'a.id', 'r.application_id').select('r.provider', 'a.submitted_at', 'r.decided_at').whereIn('r.status', ['APPROVED', 'REJECTED']), 'r.decided_at'),
  ]);

  const by = (rows: Row[], provider: string) => rows.filter((r) => r.provider === provider);
  return providers.map((provider) => {
    const u = by(use as Row[], provider)[0];
    const res = by(resolved as Row[], provider)[0];
    const mine = by(pending as Row[], provider);
    const answers = by(decided as Row[], provider).map((r) =>
      calendar.workingDaysBetween(calendar.localDate(new Date(r.submitted_at as string)), calendar.localDate(new Date(r.decided_at as string))),
    );
    return {
      provider,
      requests: toCount(u?.requests),
      accessRecords: toCount(u?.records),
      consumers: by(consumers as Row[], provider)
        .map((r) => ({ department: String(r.dept), requests: toCount(r.requests) }))
        .sort((a, b) => b.requests - a.requests || a.department.localeCompare(b.department)),
      openDataIssues: toCount(by(open as Row[], provider)[0]?.n),
      resolvedDataIssues: toCount(res?.n),
      averageDataIssueHours: res?.hours === null || res?.hours === undefined ? null : round(Number(res.hours)),
      pendingApplications: mine.length,
      overdueApplications: mine.filter((r) => calendar.isOverdue(String(r.due_on), now)).length,
      averageApplicationWorkingDays: answers.length ? round(answers.reduce((a, b) => a + b, 0) / answers.length) : null,
    };
  });
}

const round = (n: number) => Math.round(n * 100) / 100;
