/**
 * Policy changes with four eyes (四眼原则):
 *
 *   a provider's security officer proposes ──▶ PROPOSED ──(a second officer)──▶ APPLIED | REJECTED
 *                                                  └──(the proposer)──▶ WITHDRAWN
 *
 * A proposal is drawn up against the provider's policy file as it is (lib/policy/change.ts):
 * its text before and after, `policy check`'s verdict, and who gains or loses which field.
 * Approval writes the approved field values into the file as it is then — over any unrelated
 * edit made meanwhile, but never over a change to the same fields (a CONFLICT: propose again)
 * — checks the result as `policy check` does, and reloads the policy in this process; every
 * other process reloads the file as it reloads any edit (`govgraph policy status` says when
 * all of them enforce it).
 *
 * The approver is a different person from the proposer: another security officer of the
 * provider, or the platform operator's.
 */
import type { Knex } from 'knex';
import { errors } from '../../lib/errors';
import type { Logger } from '../../lib/log';
import { ChangeInputError, proposeChange, reapplyChange, writePolicyFile, type ChangeProposal, type EffectRow, type FieldChange, type FieldChangeDetail } from '../../lib/policy/change';
import type { Requester } from '../../lib/policy/engine';
import type { PolicyStore } from '../../lib/policy/store';
import type { FieldPolicy } from '../../lib/policy/schema';
import { nextId } from './db';
import { actsFor, hasRole, PLATFORM_OPERATOR, requireOfficerFor, ROLES, visibleDepartments } from './roles';

export type PolicyChangeStatus = 'PROPOSED' | 'APPLIED' | 'REJECTED' | 'WITHDRAWN';

export interface PolicyChangeRow {
  id: string;
  provider: string;
  file: string;
  status: PolicyChangeStatus;
  reason: string;
  fields: FieldChangeDetail[];
  effect: EffectRow[];
  before_text: string;
  after_text: string;
  proposed_by: string;
  proposed_by_dept: string;
  proposed_at: string | Date;
  base_revision: string;
  decided_by: string | null;
  decided_by_dept: string | null;
  decided_at: string | Date | null;
  decision_note: string | null;
  before_revision: string | null;
  after_revision: string | null;
}

export interface PolicyChangeDeps {
  knex: Knex;
  /** The policy this process enforces; approval writes to its directory and reloads it. */
  store: Pick<PolicyStore, 'dir' | 'current' | 'reload'>;
  supergraphSdl: string;
  now(): Date;
  log: Logger;
}

/** The API's spelling of a sharing class and the files'. */
const CLASS_OF_API = { UNCONDITIONAL: 'unconditional', CONDITIONAL: 'conditional', NOT_SHARED: 'not-shared' } as const;
type ApiClass = keyof typeof CLASS_OF_API;

export interface PolicyChangeInput {
  provider: string;
  reason: string;
  changes: ReadonlyArray<{ path: string; sharing?: ApiClass | null; personal?: boolean | null; mask?: string | null; legalBasis?: string | null }>;
}

const LIMITS = { reason: 2000, note: 2000 };

function text(value: string | null | undefined, name: string, max: number, required: boolean): string | null {
  const v = (value ?? '').trim();
  if (!v) {
    if (required) throw errors.badUserInput(`${name} must not be empty`, name);
    return null;
  }
  if (v.length > max) throw errors.badUserInput(`${name} is longer than ${max} characters`, name);
  return v;
}

/** Draws the change up (nothing recorded); a form that names nothing changeable is BAD_USER_INPUT. */
export function previewPolicyChange(deps: PolicyChangeDeps, who: Requester, input: PolicyChangeInput): ChangeProposal {
  const provider = input.provider.trim();
  if (!deps.store.current.providers.some((p) => p.provider === provider)) throw errors.badUserInput(`provider ${provider} has no sharing policy here`, 'provider');
  requireOfficerFor(who, provider);
  const changes: FieldChange[] = input.changes.map((c) => ({
    path: c.path.trim(),
    ...(c.sharing != null && { sharing: CLASS_OF_API[c.sharing] }),
    ...(c.personal != null && { personal: c.personal }),
    ...(c.mask != null && { mask: c.mask.trim() as FieldChange['mask'] }),
    // An empty legal basis removes it; an absent one keeps it.
    ...(c.legalBasis != null && { legalBasis: c.legalBasis.trim() || null }),
  }));
  try {
    return proposeChange({ dir: deps.store.dir, supergraphSdl: deps.supergraphSdl, policy: deps.store.current, provider, changes, now: deps.now() });
  } catch (err) {
    if (err instanceof ChangeInputError) throw errors.badUserInput(err.problems.join('; '), 'input');
    throw err;
  }
}

export async function proposePolicyChange(deps: PolicyChangeDeps, who: Requester, input: PolicyChangeInput): Promise<PolicyChangeRow> {
  const reason = text(input.reason, 'reason', LIMITS.reason, true)!;
  const draft = previewPolicyChange(deps, who, input);
  if (draft.problems.length) throw errors.badUserInput(`the change would make the policy invalid: ${draft.problems.join('; ')}`, 'input');
  const now = deps.now();
  const row: PolicyChangeRow = {
    id: await nextId(deps.knex, 'policy_change_seq', 'PC', now),
    provider: draft.provider,
    file: draft.file,
    status: 'PROPOSED',
    reason,
    fields: draft.fields,
    effect: draft.effect,
    before_text: draft.beforeText,
    after_text: draft.afterText,
    proposed_by: who.user,
    proposed_by_dept: who.dept,
    proposed_at: now.toISOString(),
    base_revision: draft.beforeRevision,
    decided_by: null,
    decided_by_dept: null,
    decided_at: null,
    decision_note: null,
    before_revision: null,
    after_revision: null,
  };
  await deps.knex('policy_change').insert({ ...row, fields: JSON.stringify(row.fields), effect: JSON.stringify(row.effect) });
  deps.log.info({ policyChange: row.id, provider: row.provider, by: who.user, fields: row.fields.map((f) => f.path) }, `policy change ${row.id} proposed`);
  return row;
}

/** The second pair of eyes: an officer of the provider or of the platform, not the proposer. */
function requireSecondOfficer(who: Requester, row: PolicyChangeRow): void {
  if (!hasRole(who, ROLES.securityOfficer) || !(actsFor(who, row.provider) || who.dept === PLATFORM_OPERATOR)) {
    throw errors.roleRequired(`Only a security officer of ${row.provider} or of the platform operator may decide on its policy changes.`);
  }
  if (isProposer(who, row)) throw errors.roleRequired('四眼原则: a policy change is approved or rejected by a second security officer, not by the one who proposed it.');
}

const isProposer = (who: Requester, row: PolicyChangeRow) => who.user === row.proposed_by && who.dept === row.proposed_by_dept;

/** What a decision writes to the change's row, and how to undo what it did outside the database. */
interface Decision {
  update: Partial<PolicyChangeRow>;
  undo?: () => void;
}

/**
 * Locks the change (and the provider's file against other decisions) for one decision. When the
 * decision cannot be recorded, whatever it did outside the database (the file) is undone.
 */
async function decide(deps: PolicyChangeDeps, id: string, act: (row: PolicyChangeRow) => Promise<Decision> | Decision): Promise<PolicyChangeRow> {
  let undo: (() => void) | undefined;
  try {
    return await deps.knex.transaction(async (trx) => {
      const found = (await trx('policy_change').where({ id }).first()) as PolicyChangeRow | undefined;
      if (!found) throw errors.notFound(`policy change ${id} does not exist`);
      // One decision at a time per provider file, across every replica of this subgraph.
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`govgraph.policy-change.${found.provider}`]);
      const row = (await trx('policy_change').where({ id }).forUpdate().first()) as PolicyChangeRow;
      if (row.status !== 'PROPOSED') throw errors.conflict(`policy change ${id} is already ${row.status}`);
      const decision = await act(row);
      undo = decision.undo;
      await trx('policy_change').where({ id }).update(decision.update);
      return { ...row, ...decision.update };
    });
  } catch (err) {
    undo?.();
    throw err;
  }
}

export async function approvePolicyChange(deps: PolicyChangeDeps, who: Requester, id: string, note: string | null | undefined): Promise<PolicyChangeRow> {
  const decisionNote = text(note, 'note', LIMITS.note, false);
  const { dir } = deps.store;
  const applied = await decide(deps, id, (row) => {
    requireSecondOfficer(who, row);
    let again: ReturnType<typeof reapplyChange>;
    try {
      again = reapplyChange({ dir, supergraphSdl: deps.supergraphSdl, provider: row.provider, file: row.file, fields: row.fields });
    } catch (err) {
      if (err instanceof ChangeInputError) throw errors.conflict(`${id} cannot be applied now: ${err.problems.join('; ')}`);
      throw errors.conflict(`${row.file} cannot be read in the policy directory; withdraw ${id} and propose it again`);
    }
    if (again.conflicts.length) {
      throw errors.conflict(`${again.conflicts.join(', ')} changed after ${id} was proposed (another change, or an edit to the files); withdraw it and propose it again against the policy in force`);
    }
    if (again.problems.length) throw errors.conflict(`the policy files changed so that ${id} would now make them invalid: ${again.problems.join('; ')}`);
    const { beforeText, afterText, beforeRevision } = again;
    try {
      writePolicyFile(dir, row.file, afterText);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      deps.log.error({ err, policyChange: id, dir }, `policy change ${id} could not be written`);
      throw errors.conflict(`the policy directory cannot be written in this deployment (${code ?? 'error'}), so ${id} stays proposed: apply its afterYaml to ${row.file} through your policy repository, or approve it where the sharing subgraph may write the policy directory`);
    }
    if (!deps.store.reload()) {
      writePolicyFile(dir, row.file, beforeText);
      deps.store.reload();
      throw errors.conflict(`policy change ${id} was rejected by the policy loader and undone; see the subgraph's log`);
    }
    return {
      update: {
        status: 'APPLIED',
        decided_by: who.user,
        decided_by_dept: who.dept,
        decided_at: deps.now().toISOString(),
        decision_note: decisionNote,
        before_revision: beforeRevision,
        after_revision: deps.store.current.revision,
        // What was replaced and what was written, which differ from the proposal's texts by
        // whatever else changed in the file meanwhile.
        before_text: beforeText,
        after_text: afterText,
      },
      undo: () => {
        writePolicyFile(dir, row.file, beforeText);
        deps.store.reload();
      },
    };
  });
  deps.log.info(
    { policyChange: id, provider: applied.provider, approvedBy: who.user, policyRevision: applied.after_revision, previousRevision: applied.before_revision },
    `policy change ${id} applied: revision ${applied.after_revision}`,
  );
  return applied;
}

export async function rejectPolicyChange(deps: PolicyChangeDeps, who: Requester, id: string, reason: string): Promise<PolicyChangeRow> {
  const why = text(reason, 'reason', LIMITS.note, true);
  return decide(deps, id, (row) => {
    requireSecondOfficer(who, row);
    return { update: { status: 'REJECTED', decided_by: who.user, decided_by_dept: who.dept, decided_at: deps.now().toISOString(), decision_note: why } };
  });
}

export async function withdrawPolicyChange(deps: PolicyChangeDeps, who: Requester, id: string, reason: string | null | undefined): Promise<PolicyChangeRow> {
  const why = text(reason, 'reason', LIMITS.note, false);
  return decide(deps, id, (row) => {
    if (!isProposer(who, row)) throw errors.roleRequired(`Only ${row.proposed_by}, who proposed ${id}, may withdraw it.`);
    return { update: { status: 'WITHDRAWN', decided_by: who.user, decided_by_dept: who.dept, decided_at: deps.now().toISOString(), decision_note: why } };
  });
}

/** Newest first, for the providers the caller acts for (every provider for the platform operator). */
export async function listPolicyChanges(knex: Knex, who: Requester, filter: { status?: PolicyChangeStatus | null; provider?: string | null }): Promise<PolicyChangeRow[]> {
  const q = knex('policy_change').orderBy([{ column: 'proposed_at', order: 'desc' }, { column: 'id', order: 'desc' }]);
  const visible = visibleDepartments(who);
  if (visible) q.whereIn('provider', visible);
  if (filter.status) q.where('status', filter.status);
  if (filter.provider) q.where('provider', filter.provider.trim());
  return (await q) as PolicyChangeRow[];
}

/** One change, or null when it does not exist or the caller may not see it (the same answer). */
export async function policyChangeById(knex: Knex, who: Requester, id: string): Promise<PolicyChangeRow | null> {
  const row = (await knex('policy_change').where({ id }).first()) as PolicyChangeRow | undefined;
  if (!row) return null;
  const visible = visibleDepartments(who);
  return !visible || visible.includes(row.provider) ? row : null;
}

// ---- the API's shapes ----------------------------------------------------------------------

const API_CLASS = { unconditional: 'UNCONDITIONAL', conditional: 'CONDITIONAL', 'not-shared': 'NOT_SHARED' } as const;

const fieldState = (f: FieldPolicy) => ({ sharing: API_CLASS[f.sharing], personal: f.personal, mask: f.mask, legalBasis: f.legalBasis ?? null });
const fieldModel = (f: FieldChangeDetail) => ({ path: f.path, before: fieldState(f.before), after: fieldState(f.after) });
const effectModel = (e: EffectRow) => ({ ...e, direction: e.direction.toUpperCase() as 'GAIN' | 'LOSS' | 'CHANGE' });
const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

export function policyChangeModel(row: PolicyChangeRow) {
  return {
    id: row.id,
    provider: row.provider,
    file: row.file,
    status: row.status,
    reason: row.reason,
    fields: row.fields.map(fieldModel),
    effect: row.effect.map(effectModel),
    proposedBy: row.proposed_by,
    proposedByDepartment: row.proposed_by_dept,
    proposedAt: iso(row.proposed_at)!,
    baseRevision: row.base_revision,
    decidedBy: row.decided_by,
    decidedByDepartment: row.decided_by_dept,
    decidedAt: iso(row.decided_at),
    decisionNote: row.decision_note,
    beforeRevision: row.before_revision,
    afterRevision: row.after_revision,
    beforeYaml: row.before_text,
    afterYaml: row.after_text,
  };
}

export function policyChangePreviewModel(p: ChangeProposal) {
  return {
    provider: p.provider,
    file: p.file,
    fields: p.fields.map(fieldModel),
    effect: p.effect.map(effectModel),
    problems: p.problems,
    beforeRevision: p.beforeRevision,
    afterRevision: p.afterRevision,
    beforeYaml: p.beforeText,
    afterYaml: p.afterText,
  };
}
