/** The part of sm-crypto (a devDependency: the independent SM2/SM3/SM4 the tests compare with) that the tests use. */
declare module 'sm-crypto' {
  type Input = string | number[];
  interface SignOptions {
    hash?: boolean;
    der?: boolean;
    publicKey?: string;
    userId?: string;
  }
  export const sm2: {
    generateKeyPairHex(): { privateKey: string; publicKey: string };
    doSignature(msg: Input, privateKey: string, options?: SignOptions): string;
    doVerifySignature(msg: Input, signHex: string, publicKey: string, options?: SignOptions): boolean;
  };
  export function sm3(input: Input, options?: { key: string | number[]; mode?: 'hmac' }): string;
  export const sm4: {
    encrypt(input: Input, key: string | number[], options?: { mode?: 'ecb' | 'cbc'; padding?: 'pkcs#7' | 'none'; iv?: string; output?: 'string' | 'array' }): string | number[];
  };
}
