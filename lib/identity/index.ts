/**
 * Identity and the trust chain: consumer tokens (client → gateway), the gateway credential
 * (gateway → subgraph), and the demo keys that sign both in `npm start`.
 */
export { type Requester, DEPT_CODE } from './claims';
export {
  issueToken,
  createTokenVerifier,
  bearerToken,
  DEMO_ISSUER,
  TOKEN_AUDIENCE,
  DEFAULT_CLOCK_TOLERANCE_SECONDS,
  type IssueTokenOptions,
  type TokenVerifier,
} from './tokens';
export { tokenVerifierConfigFromEnv, type TokenVerifierConfig } from './tokenVerifierConfig';
export {
  loadOrCreateKeyPair,
  readKeyPairFile,
  generateKeyPairInMemory,
  clearLoadedKeyPairs,
  keyPairOf,
  keysDir,
  privateKeyPath,
  publicKeyPath,
  type SigningKeyPair,
} from './demoKeys';
export {
  signCredential,
  createCredentialVerifier,
  bodyHash,
  CREDENTIAL_HEADER,
  CREDENTIAL_TYP,
  CREDENTIAL_ISSUER,
  CREDENTIAL_TTL_SECONDS,
  type CredentialSubject,
  type CredentialRequest,
  type CredentialVerifier,
  type CredentialVerifierConfig,
} from './credential';
export {
  withGatewayCredential,
  runWithCredentialSubject,
  currentCredentialSubject,
  type GatewayCredentialOptions,
  type SignableRequestInit,
} from './credentialFetcher';
export { ReplayGuard, type ReplayGuardOptions, type ReplayStore, type ReplayVerdict, type StoreState } from './replayGuard';
export { RedisReplayStore, type RedisReplayStoreOptions } from './redisReplayStore';
export { ALLOWED_ALGORITHMS, defaultTokenAlgorithms, readPublicKeyFile, SM2_ALG_ALIASES, trustPublicKey, type AllowedAlgorithm, type TrustedKey } from './trustedKeys';
export { RemoteKeySet, type RemoteKeySetOptions } from './remoteKeySet';
export { parseDuration, MAX_TOKEN_TTL_SECONDS } from './duration';
