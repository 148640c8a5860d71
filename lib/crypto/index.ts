/**
 * govgraph's cryptography, in one place: the suite abstraction (suite.ts) with its two
 * implementations, international (intl.ts) and national SM2/SM3/SM4 (sm.ts), keys of both
 * (keys.ts), JWS/JWT over either (jws.ts), and the key material `govgraph keys generate` writes
 * (generateKeys.ts). GOVGRAPH_CRYPTO (lib/config.ts) selects the suite.
 */
import { cryptoSuiteName, type CryptoSuiteName } from '../config';
import { CryptoError } from './cryptoError';
import { intlSuite } from './intl';
import { smSuite } from './sm';
import type { CryptoSuite } from './suite';

export { CRYPTO_ERROR_CODES, CryptoError, isCryptoError, type CryptoErrorCode } from './cryptoError';
export { type CryptoSuite, type Signature, type SuiteAlgorithms, encodeSignature, decodeSignature } from './suite';
export {
  SigningKey,
  VerifyingKey,
  type Signer,
  ALGORITHM_SUITE,
  SM2_ALG_NAMES,
  SM2_CRV_NAMES,
  generateSigningKey,
  importSigningKey,
  importVerifyingKey,
  readSigningKeyFile,
  readVerifyingKeyFile,
  jwkThumbprint,
  type PrivateJwk,
  type PublicJwk,
  type SignatureAlgorithm,
  type SuiteName,
} from './keys';
export { signJws, verifyJws, verifyJwt, decodeJwsHeader, SM2_JWS_ALG, DEFAULT_ALG_ALIASES, MAX_TOKEN_LENGTH, type JwsHeader, type JwsVerifyOptions, type JwtVerifyOptions, type VerifiedJws } from './jws';
export { SM2_DEFAULT_ID } from './sm2';
export { intlSuite, smSuite };

/** The suite called `name`. @throws CryptoError CRYPTO_SUITE_UNKNOWN */
export function cryptoSuite(name: string): CryptoSuite {
  if (name === 'intl') return intlSuite;
  if (name === 'sm') return smSuite;
  throw new CryptoError('CRYPTO_SUITE_UNKNOWN', `no cryptographic suite "${name}" (intl or sm)`);
}

/** The suite GOVGRAPH_CRYPTO selects. @throws Error for a value other than intl or sm. */
export function cryptoSuiteFromEnv(env: NodeJS.ProcessEnv = process.env): CryptoSuite {
  const name: CryptoSuiteName = cryptoSuiteName(env);
  return cryptoSuite(name);
}
