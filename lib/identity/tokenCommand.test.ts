/**
 * `govgraph token` (cli/commands/token.ts) — tested here because the command is a thin
 * shell over this library.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseTokenOptions, tokenCommand } from '../../cli/commands/token';
import { clearLoadedKeyPairs } from './demoKeys';
import { tokenVerifierConfigFromEnv } from './tokenVerifierConfig';
import { createTokenVerifier } from './tokens';

let dir: string;
let out: string;
let err: string;
const previousDataDir = process.env.GOVGRAPH_DATA_DIR;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-tokencmd-'));
  process.env.GOVGRAPH_DATA_DIR = dir;
  clearLoadedKeyPairs();
  out = '';
  err = '';
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  process.exitCode = undefined;
});
afterEach(() => {
  jest.restoreAllMocks();
  process.exitCode = undefined;
  if (previousDataDir === undefined) delete process.env.GOVGRAPH_DATA_DIR;
  else process.env.GOVGRAPH_DATA_DIR = previousDataDir;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('govgraph token', () => {
  it('prints a demo token the gateway\'s default verifier accepts, with the defaults', async () => {
    await tokenCommand({ dept: 'civil-affairs', user: 'zhang.wei' });
    expect(process.exitCode).toBeUndefined();
    expect(err).toBe('');
    const token = out.trim();
    expect(token.split('.')).toHaveLength(3);
    // The defaults, in the suite the command ran under (CI runs this with GOVGRAPH_CRYPTO=sm too).
    const verify = createTokenVerifier(await tokenVerifierConfigFromEnv({ GOVGRAPH_CRYPTO: process.env.GOVGRAPH_CRYPTO }));
    await expect(verify(`Bearer ${token}`)).resolves.toEqual({ user: 'zhang.wei', dept: 'civil-affairs', division: '320100', roles: ['consumer'] });
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(payload.exp - payload.iat).toBe(3600);
  });

  it('honours --division, --roles and --ttl', async () => {
    await tokenCommand({ dept: 'public-security', user: 'officer', division: '320102', roles: 'security-officer, provider:public-security', ttl: '30m' });
    const payload = JSON.parse(Buffer.from(out.trim().split('.')[1], 'base64url').toString());
    expect(payload).toMatchObject({ dept: 'public-security', division: '320102', roles: ['security-officer', 'provider:public-security'] });
    expect(payload.exp - payload.iat).toBe(1800);
  });

  it.each([
    [{ dept: 'Civil_Affairs', user: 'u' }, /--dept/],
    [{ dept: 'tax', user: ' ' }, /--user/],
    [{ dept: 'tax', user: 'u', division: '3201' }, /--division/],
    [{ dept: 'tax', user: 'u', division: '990100' }, /--division/],
    [{ dept: 'tax', user: 'u', ttl: '1y' }, /--ttl/],
    [{ dept: 'tax', user: 'u', roles: ' , ' }, /--roles/],
  ])('refuses %j with a message and exit code 1', async (opts, message) => {
    await tokenCommand(opts);
    expect(process.exitCode).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(message);
  });

  it('reports every problem at once', () => {
    const parsed = parseTokenOptions({ dept: 'X', user: '', ttl: 'soon' });
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.problems).toHaveLength(3);
  });
});
