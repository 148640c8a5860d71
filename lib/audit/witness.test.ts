/**
 * The head witness's MAC per suite (witness.ts): HMAC-SHA-256 under intl — the lines of older
 * witness files — and HMAC-SM3 under sm, checked against an independent HMAC-SM3
 * (sm-crypto's); a witness kept across a switch of GOVGRAPH_CRYPTO still vouches for the
 * heads written before it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sm3 as smCryptoSm3 } from 'sm-crypto';
import { canonicalJson } from './entry';
import { HeadWitness, WITNESS_FILE } from './witness';

const key = crypto.randomBytes(32);
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-witness-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const lines = () => fs.readFileSync(path.join(dir, WITNESS_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const head = (writer: string, seq: number) => ({ writer, seq, hash: String(seq).padStart(64, '0'), by: 'writer' as const });

describe('the head witness under either suite', () => {
  it('intl lines are as they always were: HMAC-SHA-256, no suite field', async () => {
    const w = await HeadWitness.open(dir, key, undefined, 'intl');
    await w.note([head('population', 3)]);
    await w.close();
    const [line] = lines();
    expect(line.suite).toBeUndefined();
    const { mac, ...fields } = line;
    const expected = crypto.createHmac('sha256', key).update('govgraph-head-witness/1').update('\n').update(canonicalJson(fields)).digest('hex');
    expect(mac).toBe(expected);
  });

  it('sm lines say so and carry HMAC-SM3 over the line with its suite — as sm-crypto computes it', async () => {
    const w = await HeadWitness.open(dir, key, undefined, 'sm');
    await w.note([head('population', 5)]);
    await w.close();
    const [line] = lines();
    expect(line.suite).toBe('sm');
    const { mac, ...fields } = line;
    const message = Buffer.from(`govgraph-head-witness/1\n${canonicalJson(fields)}`, 'utf8');
    expect(mac).toBe(smCryptoSm3(Array.from(message), { key: key.toString('hex'), mode: 'hmac' }));
    expect((await HeadWitness.read(dir, key))!.head('population')).toMatchObject({ seq: 5 });
  });

  it('a witness kept across a switch reads the lines of both suites, and refuses a line whose suite was changed', async () => {
    const before = await HeadWitness.open(dir, key, undefined, 'intl');
    await before.note([head('population', 7), head('geospatial', 2)]);
    await before.close();
    const after = await HeadWitness.open(dir, key, undefined, 'sm');
    expect(after.head('population')).toMatchObject({ seq: 7 });
    await after.note([head('population', 9)]);
    await after.close();
    const read = (await HeadWitness.read(dir, key))!;
    expect(read.rejected).toBe(0);
    expect(read.head('population')).toMatchObject({ seq: 9 });
    expect(read.head('geospatial')).toMatchObject({ seq: 2 });

    // Flipping a line's suite (either way) breaks its MAC, as editing it would.
    const text = fs.readFileSync(path.join(dir, WITNESS_FILE), 'utf8');
    const flipped = text
      .split('\n')
      .map((l) => (l.includes('"seq":9') ? l.replace(',"suite":"sm"', '') : l.includes('"geospatial"') ? l.replace(',"mac"', ',"suite":"sm","mac"') : l))
      .join('\n');
    fs.writeFileSync(path.join(dir, WITNESS_FILE), flipped);
    const tampered = (await HeadWitness.read(dir, key))!;
    expect(tampered.rejected).toBe(2);
    expect(tampered.head('population')).toMatchObject({ seq: 7 });
    expect(tampered.head('geospatial')).toBeUndefined();
  });
});
