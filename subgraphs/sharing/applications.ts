/**
 * The application workflow for conditional data (有条件共享):
 *
 *   submit ──▶ PENDING ──(each provider concerned approves or rejects its part)──▶
 *              APPROVED | PARTIALLY_APPROVED | REJECTED        (or WITHDRAWN by the consumer)
 *
 * A withdrawal closes the parts still waiting as WITHDRAWN, so no provider's queue, overdue
 * list or statistics shows the application as waiting for it; parts already decided keep
 * their decision.
 *
 * An application names fields of one or more providers; each provider's security officer
 * decides on its own part (联合审批) and may narrow it (fields, unmasking, jurisdiction,
 * validity). When the last part is decided, the approved parts become one grant — one grant,
 * because a request names one `X-Grant-Id` — which every subgraph honours within seconds.
 * Every state change is recorded with who and when.
 */
import { chinaDate } from '../../lib/chinaDate';
import type { Knex } from 'knex';
import { errors } from '../../lib/errors';
import { isWithinDivision } from '../../lib/ids';
import type { DivisionRegister } from '../../lib/ids/divisionRegister';
import type { Requester } from '../../lib/policy/engine';
import type { PolicySet } from '../../lib/policy/policySet';
import { grantsByIds, insertGrant, revokeGrantRow } from '../../lib/grants/grantStore';
import type { GrantIntegrity } from '../../lib/grants/integrity';
import type { WorkingCalendar } from './calendar';
import { addEvent, ApplicationRow, applicationsByIds, nextId, ReviewRow, reviewsOf } from './db';
import { actsFor, hasRole, PLATFORM_OPERATOR, requireOfficerFor, ROLES } from './roles';

export interface WorkflowDeps {
  knex: Knex;
  policy(): PolicySet;
  calendar(): WorkingCalendar;
  now(): Date;
  /** Makes the policy engine of this process pick up a grant change at once. */
  grantsChanged(): Promise<void>;
  /** The division codes the platform serves (its division_code table), for jurisdictions. */
  divisions: Pick<DivisionRegister, 'problem' | 'served'>;
  /** MACs the grants it stores (lib/grants/integrity.ts). */
  grantIntegrity: GrantIntegrity;
}

export interface ApplicationInput {
  purpose: string;
  justification: string;
  fields: readonly string[];
  unmasked?: readonly string[] | null;
  jurisdiction?: string | null;
  validUntil?: string | null;
}

export interface ApprovalInput {
  fields?: readonly string[] | null;
  unmasked?: readonly string[] | null;
  jurisdiction?: string | null;
  validUntil?: string | null;
  note?: string | null;
}

/** Longest validity an application may ask for. */
const MAX_VALIDITY_YEARS = 3;
const LIMITS = { purpose: 200, justification: 4000, reason: 2000, fields: 200 };

// ---- validation ----------------------------------------------------------------------------

function text(value: string | null | undefined, name: string, max: number, problems: string[]): string {
  const v = (value ?? '').trim();
  if (!v) problems.push(`${name} must not be empty`);
  else if (v.length > max) problems.push(`${name} is longer than ${max} characters`);
  return v;
}

function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

const addYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`.replace(/-02-29$/, '-02-28');

/**
 * Conditional fields named by `Type.field` or `Type.*`, expanded and checked against the
 * policy in force. Unconditional fields need no application and not-shared ones cannot be
 * granted: both are refused with a reason, so the consumer learns it now, not at query time.
 */
export function conditionalFields(policy: PolicySet, requested: readonly string[], argumentName: string, problems: string[]): string[] {
  const out: string[] = [];
  for (const item of requested) {
    const m = /^([A-Z][A-Za-z0-9]*)\.(\*|[a-z_][A-Za-z0-9_]*)$/.exec(item.trim());
    if (!m) {
      problems.push(`${argumentName}: "${item}" is not Type.field or Type.*`);
      continue;
    }
    if (m[2] === '*') {
      const all = [...policy.fields.values()].filter((f) => f.path.startsWith(`${m[1]}.`) && f.policy.sharing === 'conditional').map((f) => f.path);
      if (!all.length) problems.push(`${argumentName}: ${m[1]} has no conditional fields`);
      out.push(...all);
      continue;
    }
    const entry = policy.field(item.trim());
    if (!entry) problems.push(`${argumentName}: ${item} is not an item of the catalog`);
    else if (entry.policy.sharing === 'unconditional') problems.push(`${argumentName}: ${item} is unconditional: every consumer may read it without an application`);
    else if (entry.policy.sharing === 'not-shared') problems.push(`${argumentName}: ${item} is not shared (${entry.policy.legalBasis}); it cannot be granted`);
    else out.push(entry.path);
  }
  return [...new Set(out)].sort();
}

/**
 * What may be unmasked: fields among `within` that have a mask. `Type.*` means every such field
 * of that type (fields without a mask are shown in full anyway, so they are skipped, not refused).
 */
function unmaskable(policy: PolicySet, requested: readonly string[], within: readonly string[], argumentName: string, problems: string[]): string[] {
  const out: string[] = [];
  const masked = (path: string) => policy.field(path)?.policy.mask !== 'none';
  for (const item of requested.map((p) => p.trim())) {
    const wildcard = /^([A-Z][A-Za-z0-9]*)\.\*$/.exec(item);
    if (wildcard) {
      const all = within.filter((f) => f.startsWith(`${wildcard[1]}.`) && masked(f));
      if (!all.length) problems.push(`${argumentName}: ${item} names no masked field among the fields`);
      out.push(...all);
    } else if (!within.includes(item)) problems.push(`${argumentName}: ${item} is not among the fields`);
    else if (!masked(item)) problems.push(`${argumentName}: ${item} has no mask; it is shown in full anyway`);
    else out.push(item);
  }
  return [...new Set(out)].sort();
}

/** BAD_USER_INPUT listing every problem; `argumentName` when they all concern one argument. */
function fail(problems: string[], argumentName?: string): void {
  if (problems.length) throw errors.badUserInput(problems.join('; '), argumentName);
}

// ---- submit / withdraw ---------------------------------------------------------------------

export async function submitApplication(deps: WorkflowDeps, who: Requester, input: ApplicationInput): Promise<ApplicationRow> {
  const policy = deps.policy();
  const now = deps.now();
  const today = chinaDate(now);
  const problems: string[] = [];
  const purpose = text(input.purpose, 'purpose', LIMITS.purpose, problems);
  if (/[\r\n]/.test(purpose)) problems.push('purpose must be one line (it is sent as the X-Purpose header)');
  const justification = text(input.justification, 'justification', LIMITS.justification, problems);
  if (!input.fields.length) problems.push('fields must name at least one field');
  if (input.fields.length > LIMITS.fields) problems.push(`fields names more than ${LIMITS.fields} items`);
  const fields = conditionalFields(policy, input.fields, 'fields', problems);
  const unmasked = unmaskable(policy, input.unmasked ?? [], fields, 'unmasked', problems);
  const jurisdiction = (input.jurisdiction ?? who.division).trim();
  // Against the platform's own code table: an unknown code would make a grant that covers nobody.
  const jurisdictionProblem = await deps.divisions.problem(jurisdiction);
  if (jurisdictionProblem) problems.push(`jurisdiction "${jurisdiction}"${input.jurisdiction == null ? " (by default your token's division)" : ''} ${jurisdictionProblem}`);
  const validUntil = input.validUntil ?? addYears(today, 1);
  if (!isDate(validUntil)) problems.push(`validUntil "${validUntil}" is not a date (YYYY-MM-DD)`);
  else if (validUntil <= today) problems.push('validUntil must be after today');
  else if (validUntil > addYears(today, MAX_VALIDITY_YEARS)) problems.push(`validUntil may be at most ${MAX_VALIDITY_YEARS} years from today`);
  fail(problems, jurisdictionProblem && problems.length === 1 ? 'input.jurisdiction' : undefined);

  const byProvider = new Map<string, string[]>();
  for (const f of fields) {
    const provider = policy.field(f)!.provider;
    byProvider.set(provider, [...(byProvider.get(provider) ?? []), f]);
  }
  return deps.knex.transaction(async (trx) => {
    const id = await nextId(trx, 'grant_application_seq', 'A', now);
    const row: ApplicationRow = {
      id,
      consumer: who.dept,
      purpose,
      justification,
      fields,
      unmasked,
      jurisdiction,
      valid_until: validUntil,
      status: 'PENDING',
      submitted_by: who.user,
      submitted_at: now.toISOString(),
      due_on: deps.calendar().dueDate(now),
      decided_at: null,
      grant_id: null,
    };
    await trx('grant_application').insert(row);
    await trx('application_review').insert(
      [...byProvider].map(([provider, own]) => ({ application_id: id, provider, status: 'PENDING', fields: own })),
    );
    await addEvent(trx, { application_id: id, at: now, actor: who.user, actor_dept: who.dept, action: 'submitted', note: `to ${[...byProvider.keys()].join(', ')}` });
    return row;
  });
}

export async function withdrawApplication(deps: WorkflowDeps, who: Requester, id: string, reason?: string | null): Promise<ApplicationRow> {
  return deps.knex.transaction(async (trx) => {
    const { app } = await lockApplication(trx, id, who);
    if (app.consumer !== who.dept) throw errors.roleRequired(`Only ${app.consumer} may withdraw its application.`);
    if (app.status !== 'PENDING') throw errors.conflict(`Application ${id} is ${app.status}; only a pending one can be withdrawn.`);
    const now = deps.now();
    await trx('grant_application').where({ id }).update({ status: 'WITHDRAWN', decided_at: now.toISOString() });
    // No decidedBy / decidedAt: the providers did not decide; the history records the withdrawal.
    await trx('application_review').where({ application_id: id, status: 'PENDING' }).update({ status: 'WITHDRAWN' });
    await addEvent(trx, { application_id: id, at: now, actor: who.user, actor_dept: who.dept, action: 'withdrawn', note: reason?.trim() || null });
    return { ...app, status: 'WITHDRAWN' as const, decided_at: now.toISOString() };
  });
}

// ---- decisions -----------------------------------------------------------------------------

export async function approveApplication(deps: WorkflowDeps, who: Requester, id: string, provider: string | null | undefined, decision: ApprovalInput = {}): Promise<ApplicationRow> {
  // The code table is read (once per process) before the transaction holds a connection.
  await deps.divisions.served();
  const result = await deps.knex.transaction(async (trx) => {
    const { app, reviews } = await lockApplication(trx, id, who);
    const review = reviewToDecide(app, reviews, who, provider);
    const policy = deps.policy();
    const today = chinaDate(deps.now());
    const problems: string[] = [];
    const approvedFields = decision.fields ? conditionalFields(policy, decision.fields, 'decision.fields', problems) : review.fields;
    for (const f of approvedFields) if (!review.fields.includes(f)) problems.push(`decision.fields: ${f} is not part of ${review.provider}'s share of this application`);
    if (!approvedFields.length && !problems.length) problems.push('decision.fields must keep at least one field (reject the application instead)');
    const requestedUnmasked = app.unmasked.filter((u) => approvedFields.includes(u));
    const unmasked = decision.unmasked ? unmaskable(policy, decision.unmasked, requestedUnmasked, 'decision.unmasked', problems) : requestedUnmasked;
    const jurisdiction = (decision.jurisdiction ?? app.jurisdiction).trim();
    const jurisdictionProblem = await deps.divisions.problem(jurisdiction);
    if (jurisdictionProblem) problems.push(`${decision.jurisdiction == null ? 'the jurisdiction applied for' : 'decision.jurisdiction'} "${jurisdiction}" ${jurisdictionProblem}`);
    else if (!isWithinDivision(jurisdiction, app.jurisdiction)) problems.push(`decision.jurisdiction ${jurisdiction} lies outside the ${app.jurisdiction} applied for`);
    else {
      for (const other of reviews.filter((r) => r.status === 'APPROVED' && r.jurisdiction)) {
        if (!isWithinDivision(jurisdiction, other.jurisdiction!) && !isWithinDivision(other.jurisdiction!, jurisdiction)) {
          problems.push(`decision.jurisdiction ${jurisdiction} does not nest with ${other.provider}'s ${other.jurisdiction} (one grant has one jurisdiction)`);
        }
      }
    }
    const validUntil = decision.validUntil ?? app.valid_until;
    if (!isDate(validUntil)) problems.push(`decision.validUntil "${validUntil}" is not a date (YYYY-MM-DD)`);
    else if (validUntil > app.valid_until) problems.push(`decision.validUntil may only shorten the validity applied for (${app.valid_until})`);
    else if (validUntil <= today) problems.push('decision.validUntil must be after today');
    fail(problems, jurisdictionProblem && decision.jurisdiction != null && problems.length === 1 ? 'decision.jurisdiction' : undefined);

    const now = deps.now();
    await trx('application_review')
      .where({ application_id: id, provider: review.provider })
      .update({ status: 'APPROVED', approved_fields: approvedFields, unmasked, jurisdiction, valid_until: validUntil, decided_by: who.user, decided_at: now.toISOString(), reason: decision.note?.trim() || null });
    const narrowed = approvedFields.length < review.fields.length || jurisdiction !== app.jurisdiction || validUntil !== app.valid_until;
    await addEvent(trx, {
      application_id: id,
      at: now,
      actor: who.user,
      actor_dept: who.dept,
      action: 'approved',
      note: `${review.provider}${narrowed ? ` (narrowed to ${approvedFields.length} field(s), ${jurisdiction}, until ${validUntil})` : ''}${decision.note?.trim() ? `: ${decision.note.trim()}` : ''}`,
    });
    return finishIfDecided(trx, app, who, now, deps.grantIntegrity);
  });
  if (result.grant_id) await deps.grantsChanged();
  return result;
}

export async function rejectApplication(deps: WorkflowDeps, who: Requester, id: string, provider: string | null | undefined, reason: string): Promise<ApplicationRow> {
  const problems: string[] = [];
  const why = text(reason, 'reason', LIMITS.reason, problems);
  fail(problems);
  const result = await deps.knex.transaction(async (trx) => {
    const { app, reviews } = await lockApplication(trx, id, who);
    const review = reviewToDecide(app, reviews, who, provider);
    const now = deps.now();
    await trx('application_review')
      .where({ application_id: id, provider: review.provider })
      .update({ status: 'REJECTED', decided_by: who.user, decided_at: now.toISOString(), reason: why });
    await addEvent(trx, { application_id: id, at: now, actor: who.user, actor_dept: who.dept, action: 'rejected', note: `${review.provider}: ${why}` });
    return finishIfDecided(trx, app, who, now, deps.grantIntegrity);
  });
  if (result.grant_id) await deps.grantsChanged();
  return result;
}

/** The one review `who` decides on: the named provider's, or the only pending one `who` acts for. */
function reviewToDecide(app: ApplicationRow, reviews: ReviewRow[], who: Requester, provider: string | null | undefined): ReviewRow {
  if (app.status !== 'PENDING') throw errors.conflict(`Application ${app.id} is already ${app.status}.`);
  let review: ReviewRow | undefined;
  if (provider) {
    review = reviews.find((r) => r.provider === provider);
    if (!review) throw errors.badUserInput(`Application ${app.id} asks nothing of ${provider}; it concerns ${reviews.map((r) => r.provider).join(', ')}.`, 'provider');
  } else {
    const mine = reviews.filter((r) => r.status === 'PENDING' && actsFor(who, r.provider));
    if (mine.length > 1) throw errors.badUserInput(`You act for ${mine.map((r) => r.provider).join(' and ')}: name the provider you decide for.`, 'provider');
    review = mine[0] ?? reviews.find((r) => actsFor(who, r.provider));
    if (!review) throw errors.roleRequired(`Application ${app.id} concerns ${reviews.map((r) => r.provider).join(', ')}; you do not act for any of them.`);
  }
  requireOfficerFor(who, review.provider);
  if (review.status !== 'PENDING') throw errors.conflict(`${review.provider} already ${review.status.toLowerCase()} application ${app.id}.`);
  return review;
}

/** After a decision: if no part is pending any more, settle the application (and grant what was approved). */
async function finishIfDecided(trx: Knex.Transaction, app: ApplicationRow, who: Requester, now: Date, integrity: GrantIntegrity): Promise<ApplicationRow> {
  const reviews = await reviewsOf(trx, [app.id]);
  if (reviews.some((r) => r.status === 'PENDING')) return app;
  const approved = reviews.filter((r) => r.status === 'APPROVED');
  if (!approved.length) {
    await trx('grant_application').where({ id: app.id }).update({ status: 'REJECTED', decided_at: now.toISOString() });
    await addEvent(trx, { application_id: app.id, at: now, actor: who.user, actor_dept: who.dept, action: 'closed', note: 'rejected by every provider concerned' });
    return { ...app, status: 'REJECTED', decided_at: now.toISOString() };
  }
  const grantId = await nextId(trx, 'sharing_grant_seq', 'G', now);
  // The narrowest jurisdiction and the earliest end any provider set bind the whole grant.
  const jurisdiction = approved.map((r) => r.jurisdiction!).sort((a, b) => b.replace(/(00)+$/, '').length - a.replace(/(00)+$/, '').length)[0];
  const validUntil = approved.map((r) => r.valid_until!).sort()[0];
  await insertGrant(
    trx,
    {
      id: grantId,
      application_id: app.id,
      consumer: app.consumer,
      purpose: app.purpose,
      fields: [...new Set(approved.flatMap((r) => r.approved_fields ?? []))].sort(),
      unmasked: [...new Set(approved.flatMap((r) => r.unmasked ?? []))].sort(),
      jurisdiction,
      valid_from: chinaDate(now),
      valid_until: validUntil,
      approved_by: approved.map((r) => `${r.provider}: ${r.decided_by}`).join('; '),
      approved_at: now.toISOString(),
    },
    integrity,
  );
  const status = approved.length === reviews.length ? 'APPROVED' : 'PARTIALLY_APPROVED';
  await trx('grant_application').where({ id: app.id }).update({ status, decided_at: now.toISOString(), grant_id: grantId });
  await addEvent(trx, { application_id: app.id, at: now, actor: who.user, actor_dept: who.dept, action: 'granted', note: `grant ${grantId}` });
  return { ...app, status, decided_at: now.toISOString(), grant_id: grantId };
}

/**
 * Reads the application for update, with its reviews (read once: deciding needs them too);
 * NOT_FOUND when it does not exist or `who` may not see it.
 */
async function lockApplication(trx: Knex.Transaction, id: string, who: Requester): Promise<{ app: ApplicationRow; reviews: ReviewRow[] }> {
  const app = await trx<ApplicationRow>('grant_application').where({ id }).forUpdate().first();
  const reviews = app ? await reviewsOf(trx, [id]) : [];
  if (!app || !maySee(app, reviews, who)) throw errors.notFound(`There is no application ${id}.`);
  return { app, reviews };
}

export async function mayReadApplication(knex: Knex, id: string, who: Requester): Promise<ApplicationRow | null> {
  const [app] = await applicationsByIds(knex, [id]);
  return app && maySee(app, await reviewsOf(knex, [id]), who) ? app : null;
}

/** The consumer, a provider concerned, or the platform operator. */
function maySee(app: ApplicationRow, reviews: ReviewRow[], who: Requester): boolean {
  return who.dept === PLATFORM_OPERATOR || app.consumer === who.dept || reviews.some((r) => actsFor(who, r.provider));
}

// ---- grants --------------------------------------------------------------------------------

export async function revokeGrant(deps: WorkflowDeps, who: Requester, id: string, reason: string): Promise<void> {
  const problems: string[] = [];
  const why = text(reason, 'reason', LIMITS.reason, problems);
  fail(problems);
  const policy = deps.policy();
  const [row] = await grantsByIds(deps.knex, [id]);
  if (!row) {
    if (policy.grants.has(id)) throw errors.conflict(`Grant ${id} is defined in policies/grants/: revoke it there (set revokedAt), where its history is kept in version control.`);
    throw errors.notFound(`There is no grant ${id}.`);
  }
  const providers = new Set(row.fields.map((f) => policy.field(f)?.provider).filter((p): p is string => !!p));
  const officer = hasRole(who, ROLES.securityOfficer) && (who.dept === PLATFORM_OPERATOR || [...providers].some((p) => actsFor(who, p)));
  const holder = hasRole(who, ROLES.consumer) && who.dept === row.consumer;
  if (!officer && !holder) throw errors.roleRequired(`Only ${row.consumer} or a security officer of ${[...providers].join(', ')} may revoke grant ${id}.`);
  const now = deps.now();
  await deps.knex.transaction(async (trx) => {
    if (!(await revokeGrantRow(trx, id, `${who.dept}: ${who.user}`, why, now, deps.grantIntegrity))) throw errors.conflict(`Grant ${id} is already revoked.`);
    if (row.application_id) {
      await addEvent(trx, { application_id: row.application_id, at: now, actor: who.user, actor_dept: who.dept, action: 'revoked', note: `grant ${id}: ${why}` });
    }
  });
  await deps.grantsChanged();
}
