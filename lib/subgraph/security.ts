/** What a subgraph server needs to trust the gateway, enforce the policy and write the log. */
import { createCredentialVerifier, type CredentialVerifier, type ReplayStore } from '../identity';
import type { AuditKeys } from '../audit/keys';
import type { PolicyStore } from '../policy/store';
import type { Sealer } from '../policy/seal';

export interface SubgraphSecurity {
  policy: PolicyStore;
  sealer: Sealer;
  auditKeys: AuditKeys;
  /** A credential verifier for one subgraph (its name is the audience). */
  credentialVerifier(audience: string): CredentialVerifier;
  /** The replay store shared by every replica, if any (its state is part of /readyz). */
  replayStore?: ReplayStore;
}

/**
 * @param gatewayPublicJwks the gateway keys trusted — of the suite GOVGRAPH_CRYPTO selects: a
 *   subgraph refuses credentials of the other suite, naming both (lib/identity/credential.ts).
 * @param replayStore shared by every replica; without one, each verifier remembers in memory.
 */
export function subgraphSecurity(policy: PolicyStore, sealer: Sealer, gatewayPublicJwks: object[], auditKeys: AuditKeys, replayStore?: ReplayStore): SubgraphSecurity {
  return {
    policy,
    sealer,
    auditKeys,
    credentialVerifier: (audience) => createCredentialVerifier({ gatewayPublicJwks, audience, replayStore }),
    replayStore,
  };
}

