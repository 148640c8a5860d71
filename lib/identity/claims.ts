/**
 * The identity claims every govgraph credential carries (README, "Security model"), validated
 * once here so the consumer token, the gateway credential and the `govgraph token` command
 * agree on what a well-formed identity is.
 */
import { z } from 'zod';
import { checkDivisionCode } from '../ids/division';
import { checkIdNumber } from '../ids/idNumber';

/**
 * Who asks, and for what: the verified consumer behind a request, with the purpose and grant
 * it names. One shape from the consumer's token through the gateway's credential to the policy
 * decision and the access record; a token carries no purpose or grant, a request may.
 */
export interface Requester {
  /** The user id (`sub`). */
  user: string;
  /** The consuming department's code, e.g. `civil-affairs` (`dept`). */
  dept: string;
  /** The consumer's jurisdiction, a GB/T 2260 code of 6 or 9 digits (`division`). */
  division: string;
  /** e.g. `["consumer"]`, `["security-officer"]`, `["provider:public-security"]` (`roles`). */
  roles: string[];
  /**
   * The citizen (公民身份号码) a citizen channel (一网通办 portal, role `citizen-channel`)
   * acts for, after it has authenticated that citizen (`citizen`). Lets the channel show the
   * citizen who read their data — and nobody else's.
   */
  citizen?: string;
  /** The request's `X-Purpose` (credential claim `pur`). */
  purpose?: string;
  /** The request's `X-Grant-Id` (credential claim `gnt`). */
  grantId?: string;
}

/** Department codes are lower-case words joined by hyphens (README, "The departments and their legacy databases"). */
export const DEPT_CODE = /^[a-z][a-z-]+$/;

// Bounds keep a hostile or buggy issuer from handing the policy engine megabyte-sized claims.
const MAX_ID_LENGTH = 256;
const MAX_ROLES = 64;
const MAX_ROLE_LENGTH = 128;

/** The identity part of a claim set, in claim names. */
export const identityClaimsSchema = z.object({
  sub: z.string().min(1, 'must not be empty').max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`),
  dept: z
    .string()
    .max(64, 'must be at most 64 characters')
    .regex(DEPT_CODE, 'must be a department code (lower-case letters and hyphens)'),
  division: z.string().superRefine((value, ctx) => {
    const check = checkDivisionCode(value);
    // The problem text names the rule, never the value (claims may end up in logs).
    if (!check.ok) ctx.addIssue({ code: 'custom', message: `is not a GB/T 2260 code (${check.problem})` });
  }),
  roles: z
    .array(z.string().min(1, 'must not contain empty roles').max(MAX_ROLE_LENGTH, 'contains an over-long role'))
    .max(MAX_ROLES, `must list at most ${MAX_ROLES} roles`),
  citizen: z
    .string()
    .superRefine((value, ctx) => {
      const check = checkIdNumber(value);
      if (!check.ok) ctx.addIssue({ code: 'custom', message: `is not a valid 公民身份号码 (${check.problem})` });
    })
    .optional(),
});

export type IdentityClaims = z.infer<typeof identityClaimsSchema>;

/** Claim set → the requester it identifies (no purpose or grant: those are the request's). */
export function identityFromClaims(claims: IdentityClaims): Requester {
  return { user: claims.sub, dept: claims.dept, division: claims.division, roles: [...claims.roles], ...(claims.citizen ? { citizen: claims.citizen } : {}) };
}

/** Requester → its identity claims (the inverse of {@link identityFromClaims}). */
export function claimsFromIdentity(identity: Requester): IdentityClaims {
  return { sub: identity.user, dept: identity.dept, division: identity.division, roles: [...identity.roles], ...(identity.citizen ? { citizen: identity.citizen } : {}) };
}

/**
 * One line saying which claims are wrong and why, e.g.
 * `claim "division" is not a GB/T 2260 code (…); claim "roles" is missing`.
 * Built from zod's issue paths and our own messages only, so no claim value is echoed.
 * `input` is the object that was parsed; it tells a missing claim from an ill-typed one.
 */
export function describeClaimProblems(error: z.ZodError, input: unknown): string {
  return error.issues
    .map((issue) => {
      const name = issue.path.length > 0 ? issue.path.map(String).join('.') : 'claims';
      if (issue.code === 'invalid_type') {
        if (valueAt(input, issue.path) === undefined) return `claim "${name}" is missing`;
        return `claim "${name}" must be ${issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}`;
      }
      return `claim "${name}" ${issue.message}`;
    })
    .join('; ');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
