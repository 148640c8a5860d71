/** The gateway says, once at start, when it trusts the demo token issuer key — and only then. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { Writable } from 'node:stream';
import { gatewaySecurityFromEnv } from './security';
import { clearLoadedKeyPairs, loadOrCreateKeyPair, publicKeyPath } from '../lib/identity';

const VARS = ['GOVGRAPH_DATA_DIR', 'GOVGRAPH_JWT_PUBLIC_KEYS', 'GOVGRAPH_JWKS_URL', 'GOVGRAPH_REDIS_URL'] as const;
const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-demokey-'));
  for (const v of VARS) delete process.env[v];
  process.env.GOVGRAPH_DATA_DIR = dir;
  clearLoadedKeyPairs();
});
afterEach(() => {
  for (const v of VARS) {
    if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  }
  clearLoadedKeyPairs();
  fs.rmSync(dir, { recursive: true, force: true });
});

function capture() {
  const lines: Array<Record<string, any>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

it('logs one warning naming the demo issuer key when no token keys are configured', async () => {
  const { log, lines } = capture();
  await gatewaySecurityFromEnv(log);
  const warnings = lines.filter((l) => l.level === 40 && l.trusts === 'demo-issuer');
  expect(warnings).toHaveLength(1);
  expect(warnings[0].kid).toBe((await loadOrCreateKeyPair('demo-issuer')).kid);
  expect(warnings[0].publicKeyFile).toBe(publicKeyPath('demo-issuer'));
});

it('logs nothing of the kind when the operator configured the keys it trusts', async () => {
  await loadOrCreateKeyPair('identity-provider');
  process.env.GOVGRAPH_JWT_PUBLIC_KEYS = publicKeyPath('identity-provider');
  const { log, lines } = capture();
  await gatewaySecurityFromEnv(log);
  expect(lines.filter((l) => l.trusts === 'demo-issuer')).toEqual([]);
});
