/**
 * Data-quality feedback (多元校核): a consumer reports a suspected error in one data item of
 * one record; the report goes to the item's authoritative provider (一数一源: the policy
 * says who that is), which acknowledges and resolves it; the reporter follows its status.
 */
import type { Knex } from 'knex';
import { toCount } from '../../lib/db';
import { errors } from '../../lib/errors';
import { checkDivisionCode, checkIdNumber, checkUscc } from '../../lib/ids';
import type { Requester } from '../../lib/policy/engine';
import type { PolicySet } from '../../lib/policy/policySet';
import { DataIssueOutcome, dataIssueById, DataIssueRow, nextId } from './db';
import { actsFor, PLATFORM_OPERATOR } from './roles';

const LIMITS = { description: 4000, resolution: 4000, note: 2000 };

/** How the key of a record of each type is checked; other types take any short key. */
const KEY_CHECKS: Record<string, (key: string) => { ok: true } | { ok: false; problem: string }> = {
  Person: checkIdNumber,
  HouseholdMember: checkIdNumber,
  LegalPerson: checkUscc,
  AdminDivision: checkDivisionCode,
};

export async function reportDataIssue(knex: Knex, policy: PolicySet, who: Requester, path: string, subjectKey: string, description: string, now: Date): Promise<DataIssueRow> {
  const problems: string[] = [];
  const entry = policy.field(path.trim());
  if (!entry) problems.push(`path "${path}" is not an item of the catalog (Type.field)`);
  const key = subjectKey.trim().toUpperCase();
  const check = entry ? KEY_CHECKS[entry.path.split('.')[0]] : undefined;
  if (!key) problems.push('subjectKey must not be empty');
  else if (key.length > 64 || !/^[0-9A-Z()（）\-_.·]+$/u.test(key)) problems.push('subjectKey must be a record key (at most 64 letters, digits and -_.)');
  else if (check) {
    const r = check(key);
    if (!r.ok) problems.push(`subjectKey "${key}" ${r.problem}`);
  }
  const text = description.trim();
  if (!text) problems.push('description must say what looks wrong');
  else if (text.length > LIMITS.description) problems.push(`description is longer than ${LIMITS.description} characters`);
  if (problems.length) throw errors.badUserInput(problems.join('; '));

  const row: DataIssueRow = {
    id: await nextId(knex, 'data_issue_seq', 'Q', now),
    path: entry!.path,
    subject_key: key,
    description: text,
    provider: entry!.provider,
    reporter: who.user,
    reporter_dept: who.dept,
    reported_at: now.toISOString(),
    status: 'OPEN',
    acknowledged_at: null,
    acknowledged_by: null,
    acknowledge_note: null,
    resolved_at: null,
    resolved_by: null,
    outcome: null,
    resolution: null,
  };
  await knex('data_issue').insert(row);
  return row;
}

export async function acknowledgeDataIssue(knex: Knex, who: Requester, id: string, note: string | null | undefined, now: Date): Promise<DataIssueRow> {
  const issue = await providersIssue(knex, who, id);
  if (issue.status !== 'OPEN') throw errors.conflict(`Report ${id} is already ${issue.status}.`);
  const patch = { status: 'ACKNOWLEDGED' as const, acknowledged_at: now.toISOString(), acknowledged_by: who.user, acknowledge_note: bounded(note, LIMITS.note, 'note') };
  // Conditional on the state just read: of two answers at once, only one changes the report.
  if (toCount(await knex('data_issue').where({ id, status: 'OPEN' }).update(patch)) !== 1) throw errors.conflict(`Report ${id} was answered meanwhile.`);
  return { ...issue, ...patch };
}

export async function resolveDataIssue(knex: Knex, who: Requester, id: string, outcome: DataIssueOutcome, resolution: string, now: Date): Promise<DataIssueRow> {
  const text = bounded(resolution, LIMITS.resolution, 'resolution');
  if (!text) throw errors.badUserInput('resolution must say what was done', 'resolution');
  const issue = await providersIssue(knex, who, id);
  if (issue.status === 'RESOLVED') throw errors.conflict(`Report ${id} is already resolved.`);
  const at = now.toISOString();
  const patch = {
    status: 'RESOLVED' as const,
    // Resolving answers the report too: an unacknowledged one counts as acknowledged now.
    acknowledged_at: issue.acknowledged_at ?? at,
    acknowledged_by: issue.acknowledged_by ?? who.user,
    resolved_at: at,
    resolved_by: who.user,
    outcome,
    resolution: text,
  };
  if (toCount(await knex('data_issue').where({ id, status: issue.status }).update(patch)) !== 1) throw errors.conflict(`Report ${id} was answered meanwhile.`);
  return { ...issue, ...patch };
}

/** A report `who` may read: the reporter's department, the provider, or the platform operator. */
export async function visibleDataIssue(knex: Knex, who: Requester, id: string): Promise<DataIssueRow | null> {
  const issue = await dataIssueById(knex, id);
  if (!issue) return null;
  return who.dept === PLATFORM_OPERATOR || issue.reporter_dept === who.dept || actsFor(who, issue.provider) ? issue : null;
}

async function providersIssue(knex: Knex, who: Requester, id: string): Promise<DataIssueRow> {
  const issue = await visibleDataIssue(knex, who, id);
  if (!issue) throw errors.notFound(`There is no report ${id}.`);
  if (!actsFor(who, issue.provider)) throw errors.roleRequired(`Report ${id} is for ${issue.provider} to answer.`);
  return issue;
}

function bounded(value: string | null | undefined, max: number, name: string): string | null {
  const v = value?.trim() ?? '';
  if (v.length > max) throw errors.badUserInput(`${name} is longer than ${max} characters`, name);
  return v || null;
}
