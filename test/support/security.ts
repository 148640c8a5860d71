/**
 * Security material for tests, in memory: a token issuer, a gateway key, a sealing key and
 * the policy store (the repository's `policies/` unless a test gives its own directory).
 */
import crypto from 'node:crypto';
import path from 'node:path';
import {
  createCredentialVerifier,
  createTokenVerifier,
  generateKeyPairInMemory,
  issueToken,
  signCredential,
  CREDENTIAL_HEADER,
  type Requester,
  type ReplayStore,
  type SigningKeyPair,
} from '../../lib/identity';
import type { RequestLimiter } from '../../lib/rateLimit/requestLimiter';
import { PolicyStore } from '../../lib/policy/store';
import { Sealer } from '../../lib/policy/seal';
import { cryptoSuiteFromEnv } from '../../lib/crypto';
import type { Security } from '../../app/security';
import { checkpointVerifierKeys } from '../../lib/audit';

export interface TestSecurity extends Security {
  issuer: SigningKeyPair;
  /** Signs the access log's checkpoints (the sharing subgraph's anchor). */
  anchorKeyPair: SigningKeyPair;
  gatewayKeyPair: SigningKeyPair;
  /** A bearer token for `identity`, valid for an hour. */
  token(identity: Requester): Promise<string>;
  /** Request headers: Authorization plus X-Purpose / X-Grant-Id when given. */
  headers(identity: Requester, opts?: { purpose?: string; grantId?: string }): Promise<Record<string, string>>;
  /** Signs a direct subgraph request as the gateway would (tests of the subgraphs alone). */
  credentialFor(audience: string, body: string, identity: Requester, opts?: { purpose?: string; grantId?: string }): Promise<Record<string, string>>;
}

export const REPO_POLICIES = path.join(__dirname, '..', '..', 'policies');

/** Options of {@link testSecurity}; without them, the in-memory defaults. */
export interface TestSecurityOptions {
  /** Shared by every credential verifier (e.g. a RedisReplayStore). @default each verifier its own in-memory guard */
  replayStore?: ReplayStore;
  /** The gateway's rate limiter. @default in memory, the environment's limits */
  requestLimiter?: RequestLimiter;
}

export async function testSecurity(policyDir = REPO_POLICIES, options: TestSecurityOptions = {}): Promise<TestSecurity> {
  const [issuer, gatewayKeyPair, anchorKeyPair] = await Promise.all([generateKeyPairInMemory(), generateKeyPairInMemory(), generateKeyPairInMemory()]);
  const policy = PolicyStore.open(policyDir);
  // The suite GOVGRAPH_CRYPTO selects, as a deployed process would (CI runs the suites both ways).
  const sealer = new Sealer(crypto.randomBytes(32), cryptoSuiteFromEnv());
  const self: TestSecurity = {
    policy,
    sealer,
    issuer,
    gatewayKeyPair,
    anchorKeyPair,
    auditKeys: {
      key: crypto.randomBytes(32),
      anchorKeys: checkpointVerifierKeys([anchorKeyPair.publicJwk]),
      anchorSigner: async () => anchorKeyPair,
    },
    gatewayKey: gatewayKeyPair,
    verifyToken: createTokenVerifier({ publicJwks: [issuer.publicJwk] }),
    credentialVerifier: (audience) => createCredentialVerifier({ gatewayPublicJwks: [gatewayKeyPair.publicJwk], audience, replayStore: options.replayStore }),
    replayStore: options.replayStore,
    requestLimiter: options.requestLimiter,
    token: (identity) => issueToken(issuer, { ...identity, ttlSeconds: 3600 }),
    async headers(identity, opts = {}) {
      const h: Record<string, string> = { authorization: `Bearer ${await self.token(identity)}` };
      if (opts.purpose) h['x-purpose'] = opts.purpose;
      if (opts.grantId) h['x-grant-id'] = opts.grantId;
      return h;
    },
    async credentialFor(audience, body, identity, opts = {}) {
      const credential = await signCredential(gatewayKeyPair, { requester: { ...identity, ...opts }, audience, body, requestId: `test-${crypto.randomUUID()}` });
      return { [CREDENTIAL_HEADER]: credential };
    },
  };
  return self;
}

/** Who's who in the tests (all fictitious). */
export const PEOPLE = {
  /** A 玄武区 civil-affairs caseworker (民政) doing 低保 means checks. */
  caseworker: { user: 'mz-xw-0007', dept: 'civil-affairs', division: '320102', roles: ['consumer'] },
  /** A tax officer in 江宁区. */
  taxOfficer: { user: 'sw-jn-0101', dept: 'tax', division: '320115', roles: ['consumer'] },
  /** The provider departments themselves. */
  publicSecurity: { user: 'ga-0001', dept: 'public-security', division: '320100', roles: ['provider:public-security'] },
  marketRegulation: { user: 'sj-0001', dept: 'market-regulation', division: '320100', roles: ['provider:market-regulation'] },
  naturalResources: { user: 'zr-0001', dept: 'natural-resources', division: '320100', roles: ['provider:natural-resources'] },
} satisfies Record<string, Requester>;

export const DIBAO = { purpose: 'dibao-verification', grantId: 'G-DEMO-0001' } as const;
