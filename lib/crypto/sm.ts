/**
 * The national (商用密码) suite, GOVGRAPH_CRYPTO=sm: SM3 (GB/T 32905-2016), HMAC-SM3
 * (GB/T 15852.2-2012 with SM3), SM2 signatures with the Z value and the default ID
 * (GB/T 32918.2-2016; sm2.ts), SM4 (GB/T 32907-2016) in encrypt-then-MAC with HMAC-SM3
 * (GB/T 36624-2018; sm4.ts). SM3, HMAC-SM3 and SM4 run in Node's OpenSSL; SM2's two equations
 * in sm2.ts over @noble/curves.
 */
import { sm4Open, sm4Seal } from './sm4';
import { SuiteImpl, type CryptoSuite } from './suite';

export const smSuite: CryptoSuite = new SuiteImpl({
  name: 'sm',
  algorithms: { hash: 'SM3', mac: 'HSM3', signature: 'SM2SM3', seal: 'SM4CTR-HSM3' },
  verifies: ['SM2SM3'],
  nodeHash: 'sm3',
  sealBytes: sm4Seal,
  openBytes: sm4Open,
});
