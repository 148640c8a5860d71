/**
 * Who may do what in the sharing workflow. Roles come from the consumer's verified token
 * (README, "Security model"): `consumer`, `security-officer`, `provider:<dept>`, `citizen-channel`.
 *
 * Coarse checks (has the role at all) are graphql-shield rules on the root fields
 * (access.ts), so a caller without the role never reaches a resolver; the fine checks that
 * need the record (is this officer acting for *this* application's provider?) are here.
 */
import type { Requester } from '../../lib/policy/engine';
import { errors } from '../../lib/errors';

/** The platform operator (大数据中心): sees every application, grant and report. */
export const PLATFORM_OPERATOR = 'big-data-center';

export const ROLES = {
  consumer: 'consumer',
  securityOfficer: 'security-officer',
  citizenChannel: 'citizen-channel',
} as const;

export const hasRole = (who: Requester, role: string): boolean => who.roles.includes(role);

/** Whether `who` speaks for department `dept` (its own staff, or holding `provider:<dept>`). */
export function actsFor(who: Requester, dept: string): boolean {
  return who.dept === dept || who.roles.includes(`provider:${dept}`);
}

/** Departments whose applications and reports `who` may see; undefined = all of them. */
export function visibleDepartments(who: Requester): string[] | undefined {
  if (who.dept === PLATFORM_OPERATOR) return undefined;
  const depts = new Set([who.dept]);
  for (const r of who.roles) if (r.startsWith('provider:')) depts.add(r.slice('provider:'.length));
  return [...depts];
}

/** A provider's security officer, for decisions on that provider's data. */
export function requireOfficerFor(who: Requester, provider: string): void {
  if (!hasRole(who, ROLES.securityOfficer) || !actsFor(who, provider)) {
    throw errors.roleRequired(`Only a security officer of ${provider} may decide on its data.`);
  }
}
