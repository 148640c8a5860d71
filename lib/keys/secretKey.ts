/**
 * 32-byte secret keys shared by govgraph processes (the sealing key, the access-log key):
 * from a base64 environment variable in a deployment, or `<data dir>/keys/<name>.key`,
 * created on first use, for `npm start`. Never committed: `.data/` is git-ignored.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function secretKeyFromEnv(envVar: string, name: string, dataDir: string): Buffer {
  const fromEnv = process.env[envVar];
  const key = fromEnv ? Buffer.from(fromEnv, 'base64') : readOrCreate(path.join(dataDir, 'keys', `${name}.key`));
  if (key.length !== 32) throw new Error(`${fromEnv ? envVar : `${name}.key`} must hold 32 bytes, base64-encoded`);
  return key;
}

function readOrCreate(file: string): Buffer {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, crypto.randomBytes(32).toString('base64'), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file); // first writer wins if two processes race
    } catch {
      // another process created it first
    }
    fs.rmSync(tmp, { force: true });
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
}
