/** What the gateway needs to authenticate callers and vouch for them to subgraphs. */
import type { Sealer } from '../lib/policy/seal';
import type { TokenVerifier } from '../lib/identity';
import type { Signer } from '../lib/crypto';
import type { RequestLimiter } from '../lib/rateLimit/requestLimiter';

export interface GatewaySecurity {
  sealer: Sealer;
  gatewayKey: Signer;
  verifyToken: TokenVerifier;
  /** Rate limits and grant quotas. @default in memory, with the limits from the environment */
  requestLimiter?: RequestLimiter;
  /** The demo keys this process runs on (lib/keys/keySources.ts), named in the gateway's start-up warning. */
  demoKeys?: string[];
}

