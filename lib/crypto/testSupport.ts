/**
 * Helpers for lib/crypto's tests: DER ⇄ r ‖ s (the form OpenSSL reads and writes SM2
 * signatures in), and the `openssl` command as an independent SM2 implementation.
 */
import { execFileSync } from 'node:child_process';

/** r ‖ s (64 bytes) as the DER SEQUENCE { INTEGER r, INTEGER s }. */
export function rsToDer(rs: Uint8Array): Buffer {
  const int = (bytes: Buffer) => {
    let i = 0;
    while (i < bytes.length - 1 && bytes[i] === 0) i++;
    let v = bytes.subarray(i);
    if (v[0] & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
    return Buffer.concat([Buffer.from([2, v.length]), v]);
  };
  const body = Buffer.concat([int(Buffer.from(rs.subarray(0, 32))), int(Buffer.from(rs.subarray(32)))]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

/** The DER SEQUENCE { INTEGER r, INTEGER s } as r ‖ s (64 bytes). */
export function derToRs(der: Uint8Array): Buffer {
  const buf = Buffer.from(der);
  if (buf[0] !== 0x30) throw new Error('not a DER SEQUENCE');
  let at = 2;
  const out: Buffer[] = [];
  for (let i = 0; i < 2; i++) {
    if (buf[at] !== 2) throw new Error('not a DER INTEGER');
    const len = buf[at + 1];
    const v = buf.subarray(at + 2, at + 2 + len);
    out.push(Buffer.concat([Buffer.alloc(32), v.subarray(v.length > 32 ? v.length - 32 : 0)]).subarray(-32));
    at += 2 + len;
  }
  return Buffer.concat(out);
}

/**
 * Whether this machine's `openssl` can do SM2 with a distinguishing ID (OpenSSL ≥ 3). CI
 * (CI=true) must have it: there the interoperability tests fail rather than skip.
 */
export function opensslHasSm2(): boolean {
  try {
    const out = execFileSync('openssl', ['list', '-signature-algorithms'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return /SM2/.test(out);
  } catch {
    return false;
  }
}

export function openssl(args: string[], input?: Buffer): Buffer {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
}
