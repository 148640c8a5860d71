/**
 * Row types and SQL of the platform database's workflow tables (applications, reviews,
 * their history, data-quality reports). The access log and grants have their own modules
 * in lib/, because every subgraph process uses them.
 */
import { chinaDate } from '../../lib/chinaDate';
import type { Knex } from 'knex';
import { toCount } from '../../lib/db';
import type { GrantRow } from '../../lib/grants/grantStore';

export type { GrantRow };

export type ApplicationStatus = 'PENDING' | 'APPROVED' | 'PARTIALLY_APPROVED' | 'REJECTED' | 'WITHDRAWN';
export type ReviewStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';
export type DataIssueStatus = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';
export type DataIssueOutcome = 'CORRECTED' | 'NO_ERROR_FOUND';

export interface ApplicationRow {
  id: string;
  consumer: string;
  purpose: string;
  justification: string;
  fields: string[];
  unmasked: string[];
  jurisdiction: string;
  valid_until: string;
  status: ApplicationStatus;
  submitted_by: string;
  submitted_at: Date | string;
  due_on: string;
  decided_at: Date | string | null;
  grant_id: string | null;
}

export interface ReviewRow {
  application_id: string;
  provider: string;
  status: ReviewStatus;
  fields: string[];
  approved_fields: string[] | null;
  unmasked: string[] | null;
  jurisdiction: string | null;
  valid_until: string | null;
  decided_by: string | null;
  decided_at: Date | string | null;
  reason: string | null;
}

export interface EventRow {
  id: number;
  application_id: string;
  at: Date | string;
  actor: string;
  actor_dept: string;
  action: string;
  note: string | null;
}

export interface DataIssueRow {
  id: string;
  path: string;
  subject_key: string;
  description: string;
  provider: string;
  reporter: string;
  reporter_dept: string;
  reported_at: Date | string;
  status: DataIssueStatus;
  acknowledged_at: Date | string | null;
  acknowledged_by: string | null;
  acknowledge_note: string | null;
  resolved_at: Date | string | null;
  resolved_by: string | null;
  outcome: DataIssueOutcome | null;
  resolution: string | null;
}

/** `A-2026-000042`: the prefix, the year of submission and a sequence. */
export async function nextId(knex: Knex, sequence: 'grant_application_seq' | 'data_issue_seq' | 'sharing_grant_seq' | 'policy_change_seq', prefix: string, at: Date): Promise<string> {
  const [row] = await knex.select(knex.raw('nextval(?) as n', [sequence]));
  return `${prefix}-${chinaDate(at).slice(0, 4)}-${String(toCount((row as { n: unknown }).n)).padStart(6, '0')}`;
}

// ---- applications --------------------------------------------------------------------------

/** Every code of the platform's division code table with its name. */
export function divisionCodeTable(knex: Knex): Promise<Array<{ code: string; name: string }>> {
  return knex('division_code').select('code', 'name');
}

export interface ApplicationFilter {
  status?: ApplicationStatus;
  consumer?: string;
  /** Applications with a review for this provider. */
  provider?: string;
  /** Only what one of these departments may see as consumer or provider; undefined = all. */
  visibleTo?: string[];
}

export async function findApplications(knex: Knex, filter: ApplicationFilter): Promise<ApplicationRow[]> {
  const q = knex<ApplicationRow>('grant_application as a').select('a.*');
  if (filter.status) q.where('a.status', filter.status);
  if (filter.consumer) q.where('a.consumer', filter.consumer);
  if (filter.provider) q.whereExists(knex('application_review as r').whereRaw('r.application_id = a.id').andWhere('r.provider', filter.provider));
  if (filter.visibleTo) {
    const depts = filter.visibleTo;
    q.where((w) => w.whereIn('a.consumer', depts).orWhereExists(knex('application_review as r').whereRaw('r.application_id = a.id').whereIn('r.provider', depts)));
  }
  return q.orderBy([{ column: 'a.submitted_at', order: 'desc' }, { column: 'a.id', order: 'desc' }]).limit(1000);
}

export async function applicationsByIds(knex: Knex, ids: readonly string[]): Promise<ApplicationRow[]> {
  return knex<ApplicationRow>('grant_application').whereIn('id', ids as string[]);
}

export async function reviewsOf(knex: Knex, applicationIds: readonly string[]): Promise<ReviewRow[]> {
  return knex<ReviewRow>('application_review').whereIn('application_id', applicationIds as string[]).orderBy(['application_id', 'provider']);
}

export async function eventsOf(knex: Knex, applicationIds: readonly string[]): Promise<EventRow[]> {
  return knex<EventRow>('application_event').whereIn('application_id', applicationIds as string[]).orderBy(['application_id', 'id']);
}

export async function addEvent(knex: Knex, event: Omit<EventRow, 'id' | 'at'> & { at: Date }): Promise<void> {
  await knex('application_event').insert({ ...event, at: event.at.toISOString() });
}

// ---- data issues ---------------------------------------------------------------------------

export interface DataIssueFilter {
  status?: DataIssueStatus;
  provider?: string;
  visibleTo?: string[];
}

export async function findDataIssues(knex: Knex, filter: DataIssueFilter): Promise<DataIssueRow[]> {
  const q = knex<DataIssueRow>('data_issue').select('*');
  if (filter.status) q.where('status', filter.status);
  if (filter.provider) q.where('provider', filter.provider);
  if (filter.visibleTo) {
    const depts = filter.visibleTo;
    q.where((w) => w.whereIn('provider', depts).orWhereIn('reporter_dept', depts));
  }
  return q.orderBy([{ column: 'reported_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(1000);
}

export async function dataIssueById(knex: Knex, id: string): Promise<DataIssueRow | undefined> {
  return knex<DataIssueRow>('data_issue').where({ id }).first();
}
