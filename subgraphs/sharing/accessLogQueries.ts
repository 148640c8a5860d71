/**
 * Reading the access log: the citizen view (`accessHistory`: who read this person's data)
 * and the officers' search (`accessLog`). Reading the log is itself an access to personal
 * data, so each read is logged — and, as for any personal data, nothing is returned unless
 * that record is committed first.
 */
import { errors } from '../../lib/errors';
import { requireIdNumber } from '../../lib/ids';
import type { Requester } from '../../lib/policy/engine';
import { accessEntry, type AccessCursor, type AccessLog, type AccessSearch, type AuditSink, type StoredAccessEntry } from '../../lib/audit';
import { hasRole, ROLES } from './roles';

export interface AccessLogDeps {
  log: AccessLog;
  audit: AuditSink;
  requestId: string;
  policyRevision: string;
  operation: { name?: string; hash?: string };
  now(): Date;
}

/** Page size bounds: enough for a screen, small enough to keep one read's record small. */
const MAX_PAGE = 200;

export function encodeCursor(c: AccessCursor): string {
  return Buffer.from(`${c.at}|${c.id}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): AccessCursor | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  // Exactly what encodeCursor writes (an entry's `at`, a row id): anything Date.parse merely
  // tolerates ("0", "yesterday 12:00") or an id beyond bigint would reach SQL and fail there.
  const isIso = !!at && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(at) && !Number.isNaN(Date.parse(at)) && new Date(at).toISOString() === at;
  if (!isIso || !/^\d{1,15}$/.test(id ?? '')) throw errors.badUserInput('after is not a cursor this API returned', 'after');
  return { at, id: Number(id) };
}

function pageSize(first: number | null | undefined): number {
  const n = first ?? 50;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw errors.badUserInput(`first must be between 1 and ${MAX_PAGE}`, 'first');
  return n;
}

/** Records the read of the log (or a refused attempt), and waits until it is committed. */
async function logTheRead(deps: AccessLogDeps, who: Requester, path: string, subjects: string[], decision = 'full'): Promise<void> {
  try {
    await deps.audit.append(
      accessEntry(
        who,
        { requestId: deps.requestId, kind: 'audit-read', service: 'sharing', provider: 'big-data-center', policyRevision: deps.policyRevision, operation: deps.operation },
        [{ decision, paths: [path], subjects: [...new Set(subjects)].sort() }],
        deps.now(),
      ),
    );
  } catch {
    throw errors.auditUnavailable('sharing');
  }
}

/**
 * Who read this person's data. A citizen channel may ask only for the citizen it acts for;
 * the records show only this person's part (a household query also read the spouse's data —
 * that is the spouse's business, not this citizen's).
 */
export async function accessHistory(deps: AccessLogDeps, who: Requester, idNumber: string, first?: number | null, after?: string | null): Promise<StoredAccessEntry[]> {
  const subject = requireIdNumber(idNumber, 'idNumber');
  const officer = hasRole(who, ROLES.securityOfficer);
  if (!officer && !(hasRole(who, ROLES.citizenChannel) && who.citizen === subject)) {
    // A channel asking about someone else is worth an officer's attention: it is logged too.
    await logTheRead(deps, who, 'Query.accessHistory', [subject], 'denied(ROLE_REQUIRED)');
    throw errors.roleRequired('A citizen channel may show only the history of the citizen it acts for.');
  }
  const records = await deps.log.search({ subject }, pageSize(first), decodeCursor(after));
  await logTheRead(deps, who, 'Query.accessHistory', [subject]);
  return records.map((r) => ({ ...r, reads: readsOf(r, subject) }));
}

/** A record's reads as far as they concern `subject`: one entry per decision. */
function readsOf(record: StoredAccessEntry, subject: string): StoredAccessEntry['reads'] {
  const byDecision = new Map<string, Set<string>>();
  for (const read of record.reads) {
    if (!read.subjects.includes(subject)) continue;
    const paths = byDecision.get(read.decision) ?? new Set<string>();
    for (const p of read.paths) paths.add(p);
    byDecision.set(read.decision, paths);
  }
  return [...byDecision].map(([decision, paths]) => ({ decision, paths: [...paths].sort(), subjects: [subject] }));
}

export interface AccessLogFilterInput {
  department?: string | null;
  user?: string | null;
  subject?: string | null;
  field?: string | null;
  decision?: string | null;
  provider?: string | null;
  requestId?: string | null;
  purpose?: string | null;
  grantId?: string | null;
  kind?: 'DATA' | 'AUDIT_READ' | null;
  from?: string | null;
  to?: string | null;
}

export interface AccessLogPageModel {
  records: StoredAccessEntry[];
  nextCursor: string | null;
}

export async function searchAccessLog(
  deps: AccessLogDeps,
  who: Requester,
  filter: AccessLogFilterInput | null | undefined,
  first?: number | null,
  after?: string | null,
): Promise<AccessLogPageModel> {
  const search = toSearch(filter ?? {});
  const size = pageSize(first);
  const records = await deps.log.search(search, size, decodeCursor(after));
  const subjects = records.flatMap((r) => r.reads.flatMap((read) => read.subjects));
  await logTheRead(deps, who, 'Query.accessLog', search.subject ? [search.subject, ...subjects] : subjects);
  const last = records[records.length - 1];
  return { records, nextCursor: records.length === size && last ? encodeCursor({ at: last.at, id: last.id }) : null };
}

function toSearch(f: AccessLogFilterInput): AccessSearch {
  const problems: string[] = [];
  const date = (v: string | null | undefined, name: string) => {
    if (!v) return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) problems.push(`${name} is not a date-time`);
    return d;
  };
  if (f.decision && !/^(full|masked|denied)(\([A-Za-z_]+\))?$/.test(f.decision)) problems.push('decision must be full, masked, denied or e.g. denied(GRANT_REQUIRED)');
  if (f.field && !/^[A-Z][A-Za-z0-9]*\.[a-z_][A-Za-z0-9_]*$/.test(f.field)) problems.push('field must be Type.field');
  const search: AccessSearch = {
    dept: f.department ?? undefined,
    user: f.user ?? undefined,
    subject: f.subject?.trim().toUpperCase() || undefined,
    path: f.field ?? undefined,
    decision: f.decision ?? undefined,
    provider: f.provider ?? undefined,
    requestId: f.requestId ?? undefined,
    purpose: f.purpose?.trim() || undefined,
    grantId: f.grantId?.trim() || undefined,
    kind: f.kind === 'AUDIT_READ' ? 'audit-read' : f.kind === 'DATA' ? 'data' : undefined,
    from: date(f.from, 'from'),
    to: date(f.to, 'to'),
  };
  if (problems.length) throw errors.badUserInput(problems.join('; '), 'filter');
  return search;
}
