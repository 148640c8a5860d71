/**
 * The decision: what one consumer sees of one field of one record — `full`, `masked(rule)`
 * or `denied(reason)` — under one policy revision. Pure: no I/O, so it is exhaustively
 * testable and `govgraph policy explain` uses exactly the code the subgraphs enforce.
 */
import { chinaDate } from '../chinaDate';
import type { ForbiddenReason } from '../errors';
import { isWithinDivision } from '../ids/division';
import type { MaskRule } from './mask';
import type { PolicySet } from './policySet';
import type { FieldPolicy, Grant } from './schema';
import type { Requester } from '../identity/claims';

export type { Requester };

export type Decision =
  | { effect: 'full' }
  | { effect: 'masked'; rule: MaskRule }
  | { effect: 'denied'; reason: ForbiddenReason };

const FULL: Decision = { effect: 'full' };

/** `full`, `masked(rule)` or `denied(reason)`: how explain prints a decision and the access log records it. */
export function describeDecision(d: Decision): string {
  return d.effect === 'full' ? 'full' : d.effect === 'masked' ? `masked(${d.rule})` : `denied(${d.reason})`;
}
const deny = (reason: ForbiddenReason): Decision => ({ effect: 'denied', reason });

/** Grant status for a request, checked once per request rather than per field. */
export type GrantStatus =
  | { state: 'none' }
  | { state: 'valid'; grant: Grant }
  | { state: 'invalid'; reason: 'GRANT_REQUIRED' | 'GRANT_EXPIRED' | 'PURPOSE_MISMATCH' };

export function grantStatus(policy: PolicySet, who: Requester, now: Date): GrantStatus {
  if (!who.grantId) return { state: 'none' };
  const grant = policy.grants.get(who.grantId);
  if (!grant) return { state: 'invalid', reason: 'GRANT_REQUIRED' };
  if (grant.consumer !== who.dept || grant.purpose !== who.purpose) return { state: 'invalid', reason: 'PURPOSE_MISMATCH' };
  if (!grantInForce(grant, now)) return { state: 'invalid', reason: 'GRANT_EXPIRED' };
  return { state: 'valid', grant };
}

/** Inside its validity window (China's calendar date) and not revoked by `now`. */
export function grantInForce(grant: Pick<Grant, 'validFrom' | 'validUntil'> & { revokedAt?: string | null }, now: Date): boolean {
  if (grant.revokedAt && Date.parse(grant.revokedAt) <= now.getTime()) return false;
  const today = chinaDate(now);
  return today >= grant.validFrom && today <= grant.validUntil;
}

function covers(list: readonly string[], path: string): boolean {
  return list.includes(path) || list.includes(`${path.split('.')[0]}.*`);
}

/**
 * Whether some request can be denied this field: anything personal (purpose, jurisdiction),
 * conditional (grant) or not shared. Only unconditional, non-personal data always flows.
 */
export function canWithhold(f: Pick<FieldPolicy, 'sharing' | 'personal'>): boolean {
  return f.personal || f.sharing !== 'unconditional';
}

/**
 * @param recordDivision the division of the record's subject (a person's 户籍 division, a
 *   company's or a parcel's division); `undefined` when jurisdiction does not apply to this
 *   read, `null` when it applies but the division is unknown — which denies (fail closed).
 * @param servedBy the department whose database serves the value (the subgraph's provider).
 */
export function decide(policy: PolicySet, who: Requester, grant: GrantStatus, path: string, recordDivision?: string | null, servedBy?: string): Decision {
  // A department reads its own database in full — including keys of other departments'
  // records that it stores (the representative's 身份号码 in the company register).
  if (servedBy !== undefined && servedBy === who.dept) return FULL;
  const entry = policy.field(path);
  if (!entry) return deny('NOT_SHARED'); // deny by default: an unclassified field never leaves
  const f = entry.policy;
  if (f.sharing === 'not-shared') return deny('NOT_SHARED');
  if (f.personal && !who.purpose) return deny('PURPOSE_REQUIRED');

  const granted = grant.state === 'valid' && covers(grant.grant.fields, path) ? grant.grant : undefined;
  if (f.sharing === 'conditional' && !granted) {
    return deny(grant.state === 'invalid' ? grant.reason : 'GRANT_REQUIRED');
  }
  if (f.personal && recordDivision !== undefined) {
    if (recordDivision === null) return deny('OUT_OF_JURISDICTION');
    // 属地管理: the consumer's own division, or the wider one named by the valid grant the
    // request relies on (an approved application covers its whole territory).
    const inside = isWithinDivision(recordDivision, who.division) || (grant.state === 'valid' && isWithinDivision(recordDivision, grant.grant.jurisdiction));
    if (!inside) return deny('OUT_OF_JURISDICTION');
  }
  if (f.mask === 'none') return FULL;
  if (granted && covers(granted.unmasked, path)) return FULL;
  return { effect: 'masked', rule: f.mask };
}
