/**
 * `policyExplain`: the `govgraph policy explain` matrix (lib/policy/explain.ts) for security
 * officers, computed from the policy this process enforces and the supergraph it serves — the
 * same function the CLI calls, so the console and the CLI cannot disagree on one input.
 */
import { errors } from '../../lib/errors';
import { explain, ExplainInputError } from '../../lib/policy/explain';
import type { Requester } from '../../lib/policy/engine';
import type { PolicySet } from '../../lib/policy/policySet';
import { mayReadGrant } from './grantVisibility';

export interface PolicyExplainArgs {
  department: string;
  grantId?: string | null;
  division?: string | null;
  consumerDivision?: string | null;
  purpose?: string | null;
  asOf?: string | null;
}

/** The CLI's flag → this query's argument, for explain's input errors. */
const ARGUMENT_OF_FLAG: [string, string][] = [
  ['--consumer-division', 'consumerDivision'],
  ['--division', 'division'],
  ['--dept', 'department'],
  ['--now', 'asOf'],
];

export function policyExplain(who: Requester, policy: PolicySet, supergraphSdl: string, args: PolicyExplainArgs, now = new Date()) {
  const grantId = args.grantId?.trim() || undefined;
  // The form X-Grant-Id takes (gateway/plugins/identify.ts): anything else names no grant.
  if (grantId !== undefined && !/^[A-Za-z0-9-]{1,64}$/.test(grantId)) throw errors.badUserInput('grantId must be a grant id such as G-DEMO-0001', 'grantId');
  // A grant is named only if the caller may see it (as `grant(id)` answers): its consumer,
  // purpose and window are in the answer. An unknown grant gets the same answer, so the
  // refusal does not tell that some other department's grant exists.
  if (grantId) {
    const g = policy.grants.get(grantId);
    if (!g || !mayReadGrant(g, who, policy)) throw errors.notFound(`grantId ${grantId}: no such grant, or not one you may see`);
  }
  const purpose = args.purpose?.trim() || undefined;
  // As X-Purpose is bounded at the gateway (gateway/plugins/identify.ts).
  if (purpose !== undefined && purpose.length > 200) throw errors.badUserInput('purpose is longer than 200 characters', 'purpose');
  const asOf = args.asOf ? new Date(args.asOf) : now;
  try {
    const { header, rows } = explain({
      supergraphSdl,
      policy,
      dept: args.department.trim(),
      grantId,
      division: args.division?.trim() || undefined,
      consumerDivision: args.consumerDivision?.trim() || undefined,
      purpose,
      now: asOf,
    });
    return {
      department: header.dept,
      consumerDivision: header.consumerDivision,
      recordDivision: header.recordDivision,
      purpose: header.purpose,
      purposeSource: header.purposeSource,
      grantId: header.grantId ?? null,
      grantState: header.grantState,
      grantDetail: header.grantDetail,
      policyRevision: header.policyRevision,
      asOf: asOf.toISOString(),
      fields: rows,
    };
  } catch (err) {
    if (!(err instanceof ExplainInputError)) throw err;
    const hit = ARGUMENT_OF_FLAG.find(([flag]) => err.message.startsWith(flag));
    const message = hit ? hit[1] + err.message.slice(hit[0].length) : err.message;
    throw errors.badUserInput(message, hit?.[1]);
  }
}
