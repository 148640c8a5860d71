/**
 * `govgraph policy explain`: what one consuming department sees of every field of the
 * supergraph — `full`, `masked(<rule>)` or `denied(<REASON>)`. The answer comes from the very
 * `grantStatus` + `decide` the subgraphs enforce with (engine.ts); this module only builds
 * the requester and the per-field arguments the way lib/policy/enforce.ts does.
 */
import { chinaDate } from '../chinaDate';
import { checkDivisionCode } from '../ids/division';
import { readSupergraphModel } from './check';
import { decide, describeDecision, GrantStatus, grantStatus, Requester } from './engine';
import type { PolicySet } from './policySet';

export interface ExplainOptions {
  supergraphSdl: string;
  policy: PolicySet;
  /** The consuming department, e.g. `civil-affairs` (any department may consume). */
  dept: string;
  grantId?: string;
  /** The division (GB/T 2260) of the records read. @default the consumer's own division */
  division?: string;
  /** The consumer's own jurisdiction (the token's `division` claim). @default 320100 */
  consumerDivision?: string;
  /** @default the grant's purpose when a known grant is named, else `explain` */
  purpose?: string;
  /** @default now */
  now?: Date;
  /** Subgraph name → provider department (`subgraphs/index.ts`). @default from the policy files' provider/subgraph */
  departments?: Record<string, string>;
}

export interface ExplainRow {
  /** `Type.field` */
  path: string;
  /** The classifying provider department; `(unclassified)` when no policy file names the field. */
  provider: string;
  /** `unconditional` / `conditional` / `not-shared`, or `unclassified`. */
  sharing: string;
  personal: boolean;
  /** `full`, `masked(<rule>)` or `denied(<REASON>)` */
  view: string;
  /** The subgraph whose answer the view describes. */
  servedBy: string;
}

export interface ExplainHeader {
  dept: string;
  consumerDivision: string;
  recordDivision: string;
  purpose: string;
  purposeSource: 'given' | 'grant' | 'default';
  grantId?: string;
  /** `none`, `valid`, `expired`, `purpose mismatch` or `unknown` */
  grantState: 'none' | 'valid' | 'expired' | 'purpose mismatch' | 'unknown';
  /** A human sentence on the grant's state. */
  grantDetail: string;
  policyRevision: string;
  now: string;
}

export interface Explanation {
  header: ExplainHeader;
  rows: ExplainRow[];
}

export const DEFAULT_CONSUMER_DIVISION = '320100';
export const DEFAULT_PURPOSE = 'explain';
const DEPT_CODE = /^[a-z][a-z-]+$/;

/** A bad argument: the CLI prints its message as one line. */
export class ExplainInputError extends Error {}

/** Every field of the supergraph and what `dept` sees of it. */
export function explainPolicy(opts: ExplainOptions): ExplainRow[] {
  return explain(opts).rows;
}

export function explain(opts: ExplainOptions): Explanation {
  if (!DEPT_CODE.test(opts.dept)) throw new ExplainInputError(`--dept ${JSON.stringify(opts.dept)}: a department code is lower-case letters and dashes, e.g. civil-affairs`);
  const consumerDivision = opts.consumerDivision ?? DEFAULT_CONSUMER_DIVISION;
  const recordDivision = opts.division ?? consumerDivision;
  for (const [flag, code] of [
    ['--consumer-division', consumerDivision],
    ['--division', recordDivision],
  ] as const) {
    const c = checkDivisionCode(code);
    if (!c.ok) throw new ExplainInputError(`${flag} ${code}: ${c.problem}`);
  }
  const now = opts.now ?? new Date();
  if (Number.isNaN(now.getTime())) throw new ExplainInputError('--now: not a valid date');
  const { policy } = opts;

  const known = opts.grantId ? policy.grants.get(opts.grantId) : undefined;
  const purpose = opts.purpose ?? known?.purpose ?? DEFAULT_PURPOSE;
  const purposeSource = opts.purpose !== undefined ? 'given' : known ? 'grant' : 'default';
  const who: Requester = { user: 'explain', dept: opts.dept, division: consumerDivision, roles: ['consumer'], purpose, grantId: opts.grantId };
  const grant = grantStatus(policy, who, now);

  const model = readSupergraphModel(opts.supergraphSdl);
  const departmentOf = (subgraph: string): string | undefined =>
    opts.departments?.[subgraph] ?? policy.providers.find((p) => p.subgraph === subgraph)?.provider;

  const rows: ExplainRow[] = [];
  for (const f of model.fields.values()) {
    const entry = policy.field(f.path);
    // Who answers: the classifying provider's subgraph when it resolves the field, else the
    // type's owner — the department whose database the value comes from.
    const servedBy = entry && f.graphs.includes(entry.subgraph) ? entry.subgraph : f.graphs.includes(f.owner) ? f.owner : (f.graphs[0] ?? f.owner);
    const personal = entry?.policy.personal ?? false;
    // Jurisdiction as enforce.ts applies it: the record's division for personal fields, not
    // applicable otherwise. The explained subgraph is the field's owner, so keys are checked too.
    const d = decide(policy, who, grant, f.path, personal ? recordDivision : undefined, departmentOf(servedBy));
    const view = describeDecision(d);
    rows.push({
      path: f.path,
      provider: entry?.provider ?? '(unclassified)',
      sharing: entry?.policy.sharing ?? 'unclassified',
      personal,
      view,
      servedBy,
    });
  }

  const header: ExplainHeader = {
    dept: opts.dept,
    consumerDivision,
    recordDivision,
    purpose,
    purposeSource,
    grantId: opts.grantId,
    ...describeGrant(policy, opts.grantId, grant, who),
    policyRevision: policy.revision,
    now: chinaDate(now),
  };
  return { header, rows };
}

function describeGrant(policy: PolicySet, grantId: string | undefined, status: GrantStatus, who: Requester): Pick<ExplainHeader, 'grantState' | 'grantDetail'> {
  if (!grantId) return { grantState: 'none', grantDetail: 'no grant named: conditional fields need one' };
  const g = policy.grants.get(grantId);
  if (status.state === 'valid') {
    return { grantState: 'valid', grantDetail: `valid ${status.grant.validFrom}..${status.grant.validUntil}, jurisdiction ${status.grant.jurisdiction}` };
  }
  if (status.state === 'invalid' && g) {
    if (status.reason === 'PURPOSE_MISMATCH') {
      const why = g.consumer !== who.dept ? `granted to ${g.consumer}, not ${who.dept}` : `granted for ${g.purpose}, not ${who.purpose}`;
      return { grantState: 'purpose mismatch', grantDetail: `purpose mismatch (${why})` };
    }
    if (status.reason === 'GRANT_EXPIRED') {
      return { grantState: 'expired', grantDetail: g.revokedAt ? `revoked at ${g.revokedAt}` : `expired (valid ${g.validFrom}..${g.validUntil})` };
    }
  }
  return { grantState: 'unknown', grantDetail: `unknown (no grant ${grantId} in this policy)` };
}

/** The header as text lines (for the table format). */
export function formatHeader(h: ExplainHeader): string[] {
  const purposeNote = h.purposeSource === 'given' ? 'as given' : h.purposeSource === 'grant' ? "assumed: the grant's purpose" : 'assumed: no --purpose or grant given';
  return [
    `consumer: ${h.dept} (division ${h.consumerDivision}); records in division ${h.recordDivision}`,
    `purpose:  ${h.purpose} (${purposeNote})`,
    `grant:    ${h.grantId ? `${h.grantId}: ${h.grantDetail}` : h.grantDetail}`,
    `policy revision ${h.policyRevision}, as of ${h.now}`,
  ];
}

/** Aligned columns `field  provider  class  view`, a blank line between types. */
export function formatTable(e: Explanation): string {
  const lines = formatHeader(e.header);
  const cls = (r: ExplainRow) => (r.personal ? `${r.sharing}, personal` : r.sharing);
  const head = { path: 'field', provider: 'provider', cls: 'class', view: 'view' };
  const w = {
    path: Math.max(head.path.length, ...e.rows.map((r) => r.path.length)),
    provider: Math.max(head.provider.length, ...e.rows.map((r) => r.provider.length)),
    cls: Math.max(head.cls.length, ...e.rows.map((r) => cls(r).length)),
  };
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(w.path)}  ${b.padEnd(w.provider)}  ${c.padEnd(w.cls)}  ${d}`.trimEnd();
  lines.push('', line(head.path, head.provider, head.cls, head.view));
  let type = '';
  for (const r of e.rows) {
    const t = r.path.split('.')[0];
    if (type && t !== type) lines.push('');
    type = t;
    lines.push(line(r.path, r.provider, cls(r), r.view));
  }
  return lines.join('\n') + '\n';
}
