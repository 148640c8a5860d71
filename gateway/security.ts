/** What the gateway needs to authenticate callers and vouch for them to subgraphs. */
import type { Sealer } from '../lib/policy/seal';
import type { SigningKeyPair, TokenVerifier } from '../lib/identity';
import type { RequestLimiter } from '../lib/rateLimit/requestLimiter';

export interface GatewaySecurity {
  sealer: Sealer;
  gatewayKey: Pick<SigningKeyPair, 'privateKey' | 'kid'>;
  verifyToken: TokenVerifier;
  /** Rate limits and grant quotas. @default in memory, with the limits from the environment */
  requestLimiter?: RequestLimiter;
  /** The demo keys this process runs on (lib/keys/keySources.ts), named in the gateway's start-up warning. */
  demoKeys?: string[];
}

