/**
 * `npm run test:scale` (issue 10): the federation scaled out on this machine — two gateways and
 * two replicas of every subgraph as separate processes behind HAProxy (test/scale/topology.ts),
 * on the real PostgreSQL, MariaDB and Redis — under a steady load of the README's queries
 * (bench/load/mix.ts), and what must hold there:
 *
 * 1. **Rolling restart**: each replica of each role in turn is taken out of the load balancer,
 *    stopped (SIGTERM: it drains), started again and put back when ready — no failed request,
 *    every answered request has exactly its access records (none lost, none twice), and
 *    `govgraph audit verify` finds every writer's chain intact.
 * 2. **One policy everywhere**: a policy change is made in the policy directory every replica
 *    reads; once `govgraph policy status --wait` reports it in force, no request sent after is
 *    decided under the old revision, on any replica (its access records and errors say which).
 * 3. **Replay**: a credential accepted by one replica of a subgraph is refused by the other.
 * 4. **Throughput** with two replicas of everything and with one (the second ones out of the
 *    load balancer), reported.
 *
 * Exit 1 when any of it fails. Settings: SCALE_PERSONS (2 000), SCALE_CONCURRENCY (16),
 * SCALE_PHASE_SECONDS (throughput phases, 15), GOVGRAPH_PG_URL / GOVGRAPH_MYSQL_URL
 * (default the local servers), GOVGRAPH_REDIS_URL (default redis://127.0.0.1:6379).
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import knexFactory, { type Knex } from 'knex';
import YAML from 'yaml';
import { MIX, PURPOSE_OF } from '../../bench/load/mix';
import { readKeyPairFile } from '../../lib/identity/demoKeys';
import { issueToken, signCredential, CREDENTIAL_HEADER, type Requester } from '../../lib/identity';
import { parseEntryBody } from '../../lib/audit';
import { createDatabases, LoadBalancer, processEnv, Replica, REPLICAS, ROOT, SUBGRAPHS, frontPort, witnessDir, type Role, type TopologyEnv } from './topology';

const run = promisify(execFile);
const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const PERSONS = num('SCALE_PERSONS', 2_000);
const CONCURRENCY = num('SCALE_CONCURRENCY', 16);
const PHASE_S = num('SCALE_PHASE_SECONDS', 15);

const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  process.stdout.write(`${ok ? '  ok  ' : '  FAIL'} ${what}\n`);
  if (!ok) failures.push(what);
};
const say = (s: string) => process.stdout.write(`${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One request the load sent, and what came back. */
interface Sent {
  id: string;
  name: string;
  dept: string;
  sentAt: number;
  status: number;
  /** Error codes other than a policy's answer (FORBIDDEN). */
  unexpected: string[];
  revisions: string[];
}

/** Steady load: CONCURRENCY clients, each sending the mix in turn until stopped. */
class Load {
  readonly sent: Sent[] = [];
  private running = true;
  private readonly loops: Promise<void>[];

  constructor(url: string, private readonly clients: Array<{ identity: Requester; token: string }>) {
    this.loops = Array.from({ length: CONCURRENCY }, (_, i) => this.loop(url, i));
  }

  private async loop(url: string, worker: number): Promise<void> {
    let n = worker;
    while (this.running) {
      const request = MIX[n % MIX.length];
      const client = this.clients[n % this.clients.length];
      n += CONCURRENCY;
      const id = `scale-${randomUUID()}`;
      const pur = PURPOSE_OF[client.identity.dept];
      const entry: Sent = { id, name: request.name, dept: client.identity.dept, sentAt: Date.now(), status: 0, unexpected: [], revisions: [] };
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${client.token}`,
            'x-request-id': id,
            'x-purpose': pur.purpose,
            ...(pur.grantId ? { 'x-grant-id': pur.grantId } : {}),
          },
          body: request.body,
          signal: AbortSignal.timeout(30_000),
        });
        entry.status = res.status;
        const text = await res.text();
        let body: { errors?: Array<{ extensions?: { code?: string; policyRevision?: string } }> };
        try {
          body = JSON.parse(text);
        } catch {
          // Not the gateway's answer: HAProxy's own error page (503: no replica up; 504: none answered in time).
          entry.unexpected.push(`HTTP ${res.status} from the load balancer`);
          body = {};
        }
        for (const e of body.errors ?? []) {
          if (e.extensions?.code !== 'FORBIDDEN') entry.unexpected.push(e.extensions?.code ?? 'NO_CODE');
          if (e.extensions?.policyRevision) entry.revisions.push(e.extensions.policyRevision);
        }
      } catch (err) {
        entry.unexpected.push(`network: ${(err as Error).message}`);
      }
      this.sent.push(entry);
    }
  }

  async stop(): Promise<Sent[]> {
    this.running = false;
    await Promise.all(this.loops);
    return this.sent;
  }
}

const failed = (s: Sent) => s.status !== 200 || s.unexpected.length > 0;
function summarize(label: string, sent: Sent[], seconds: number): void {
  const bad = sent.filter(failed);
  const kinds = new Map<string, number>();
  for (const s of bad) for (const k of s.unexpected.length ? s.unexpected : [`HTTP ${s.status}`]) kinds.set(k, (kinds.get(k) ?? 0) + 1);
  say(`  ${label}: ${sent.length} requests in ${seconds.toFixed(0)} s (${(sent.length / seconds).toFixed(1)}/s), ${bad.length} failed${bad.length ? ` ${JSON.stringify(Object.fromEntries(kinds))}` : ''}`);
  for (const s of bad.slice(0, 3)) say(`    e.g. ${s.name} (${s.dept}) request ${s.id}: HTTP ${s.status} ${s.unexpected.join(', ')}`);
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/** CPU milliseconds per answered request, by role, over a phase: what sizing is computed from. */
function cpuPerRequest(before: Map<Replica, number>, replicasNow: Replica[], requests: number): Map<Role, number> {
  const byRole = new Map<Role, number>();
  for (const r of replicasNow) byRole.set(r.role, (byRole.get(r.role) ?? 0) + cpuSeconds(r.child?.pid) - (before.get(r) ?? 0));
  return new Map([...byRole].map(([role, s]) => [role, (s * 1000) / Math.max(1, requests)]));
}

/** The data records of each request id, with the revision each was decided under. */
async function recordsOf(platform: Knex, ids: string[]): Promise<Map<string, Array<{ service: string; revision: string }>>> {
  const out = new Map<string, Array<{ service: string; revision: string }>>();
  for (let i = 0; i < ids.length; i += 5_000) {
    const rows: Array<{ request_id: string; service: string; body: string }> = await platform('access_log')
      .whereIn('request_id', ids.slice(i, i + 5_000))
      .select('request_id', 'service', 'body');
    for (const r of rows) {
      const list = out.get(r.request_id) ?? [];
      list.push({ service: r.service, revision: parseEntryBody(r.body).policyRevision });
      out.set(r.request_id, list);
    }
  }
  return out;
}

/** Records per request by (query, department), as the first, undisturbed phase wrote them. */
function recordShape(records: Array<{ service: string }> | undefined): string {
  const by = new Map<string, number>();
  for (const r of records ?? []) by.set(r.service, (by.get(r.service) ?? 0) + 1);
  return [...by].sort().map(([s, n]) => `${s}×${n}`).join(' ') || '(none)';
}

async function main(): Promise<void> {
  const servers = {
    pgUrl: process.env.GOVGRAPH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    mysqlUrl: process.env.GOVGRAPH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/mysql',
    redisUrl: process.env.GOVGRAPH_REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
  const haproxy = await run('haproxy', ['-v']).catch(() => null);
  if (!haproxy) {
    process.stderr.write('npm run test:scale needs HAProxy on the PATH: apt-get install haproxy (Debian)\n');
    process.exitCode = 2;
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-scale-'));
  say(`govgraph scale-out test: ${REPLICAS} gateways and ${REPLICAS} replicas of each of ${SUBGRAPHS.length} subgraphs behind HAProxy; files in ${dir}`);
  // Built once here, not by each of the twelve processes finding the sources newer than dist/.
  await run(process.execPath, [path.join(ROOT, 'scripts', 'build.js')]);
  const tag = randomUUID().slice(0, 8);
  const dbs = await createDatabases(servers, tag);
  const keysDir = path.join(dir, 'keys');
  await run(process.execPath, [path.join(ROOT, 'bin', 'govgraph.js'), 'keys', 'generate', '--out', keysDir]);
  const policyDir = path.join(dir, 'policies');
  fs.cpSync(path.join(ROOT, 'policies'), policyDir, { recursive: true });
  const t: TopologyEnv = { servers, databases: dbs.urls, keysDir, policyDir, dataDir: path.join(dir, 'data'), redisPrefix: `govgraph-scale-${tag}:`, persons: PERSONS };
  const replicas = new Map<Role, Replica[]>();
  for (const role of [...SUBGRAPHS.map((s) => s.name), 'gateway'] as Role[]) {
    replicas.set(role, Array.from({ length: REPLICAS }, (_, r) => new Replica(role, r, processEnv(role, r, t), path.join(dir, `${role}-${r + 1}.log`))));
  }
  const all = () => [...replicas.values()].flat();
  const lb = new LoadBalancer(dir);
  const platform = knexFactory({ client: 'pg', connection: dbs.urls.sharing, pool: { min: 0, max: 2 } });
  const cliEnv = { ...process.env, ...processEnv('sharing', 0, t), GOVGRAPH_LOG_LEVEL: 'error' };
  const cli = (args: string[]) =>
    run(process.execPath, [path.join(ROOT, 'bin', 'govgraph.js'), ...args], { env: cliEnv, timeout: 120_000 }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );

  try {
    // First replicas one role at a time where they seed (the platform's tables first), then the rest.
    const started = Date.now();
    await lb.start();
    const [sharing, ...departments] = SUBGRAPHS.map((s) => replicas.get(s.name)![0]);
    sharing.start();
    await sharing.waitReady();
    departments.forEach((r) => r.start());
    await Promise.all(departments.map((r) => r.waitReady()));
    const rest = all().filter((r) => !(r.index === 0 && r.role !== 'gateway'));
    rest.forEach((r) => r.start());
    await Promise.all(rest.map((r) => r.waitReady()));
    for (const r of all()) await lb.waitUp(r);
    say(`topology up in ${((Date.now() - started) / 1000).toFixed(0)} s (${PERSONS} persons seeded): ${(await lb.serverStates()).join(', ')}`);

    const issuer = await readKeyPairFile(path.join(keysDir, 'token-issuer.private.jwk.json'));
    const identities: Requester[] = (['civil-affairs', 'tax', 'housing-fund', 'human-resources'] as const).map((dept, i) => ({
      user: `scale-${i}`,
      dept,
      division: '320102',
      roles: ['consumer'],
    }));
    const clients = await Promise.all(identities.map(async (identity) => ({ identity, token: await issueToken(issuer, { ...identity, ttlSeconds: 3_600 }) })));
    const gatewayUrl = `http://127.0.0.1:${frontPort('gateway')}/graphql`;

    // --- Throughput: two replicas of everything, then one.
    say('\nthroughput');
    // Warm-up, not counted: the first requests compile plans and code.
    let load = new Load(gatewayUrl, clients);
    await sleep(5_000);
    await load.stop();
    const cpuBefore = new Map(all().map((r) => [r, cpuSeconds(r.child?.pid)]));
    load = new Load(gatewayUrl, clients);
    await sleep(PHASE_S * 1000);
    const steady = await load.stop();
    const cpu = cpuPerRequest(cpuBefore, all(), steady.filter((s) => !failed(s)).length);
    summarize('2 gateways, 2 replicas of each subgraph', steady, PHASE_S);
    const second = all().filter((r) => r.index === 1);
    for (const r of second) await lb.setState(r, 'maint');
    load = new Load(gatewayUrl, clients);
    await sleep(PHASE_S * 1000);
    const single = await load.stop();
    summarize('1 gateway, 1 replica of each subgraph    ', single, PHASE_S);
    for (const r of second) await lb.setState(r, 'ready');
    for (const r of second) await lb.waitUp(r);
    say(`  CPU per request, by role (all replicas together), and the requests/s one core of it serves (the mix above):`);
    for (const [role, ms] of cpu) say(`    ${role.padEnd(16)} ${ms.toFixed(1).padStart(6)} ms   ${(1000 / ms).toFixed(0).padStart(5)} requests/s per core`);
    check(steady.concat(single).every((s) => !failed(s)), 'no failed request in the throughput phases');

    // The records each (query, department) leaves, from the undisturbed phases.
    const baseline = new Map<string, string>();
    const baseRecords = await recordsOf(platform, steady.concat(single).map((s) => s.id));
    for (const s of steady.concat(single)) baseline.set(`${s.name}/${s.dept}`, recordShape(baseRecords.get(s.id)));

    // --- Rolling restart under load.
    say('\nrolling restart under load');
    load = new Load(gatewayUrl, clients);
    const restartStarted = Date.now();
    for (const role of ['gateway', ...SUBGRAPHS.map((s) => s.name)] as Role[]) {
      for (const r of replicas.get(role)!) {
        await lb.setState(r, 'maint'); // out of rotation, as a pod's preStop / failing readiness does
        await sleep(500);
        await r.stop();
        r.start();
        await r.waitReady();
        await lb.setState(r, 'ready');
        await lb.waitUp(r); // back in rotation before its sibling goes
        say(`  restarted ${r.name}`);
      }
    }
    await sleep(1_000);
    const rolling = await load.stop();
    summarize('during the rolling restart', rolling, (Date.now() - restartStarted) / 1000);
    check(rolling.every((s) => !failed(s)), `no failed request during the rolling restart (${rolling.length} sent)`);
    await sleep(1_500);
    const rollingRecords = await recordsOf(platform, rolling.map((s) => s.id));
    const mismatched = rolling.filter((s) => !failed(s) && baseline.has(`${s.name}/${s.dept}`) && recordShape(rollingRecords.get(s.id)) !== baseline.get(`${s.name}/${s.dept}`));
    check(
      mismatched.length === 0,
      `every answered request has exactly its access records, none lost or written twice${mismatched.length ? `: ${mismatched.length} differ, e.g. ${mismatched[0].name}/${mismatched[0].dept} ${recordShape(rollingRecords.get(mismatched[0].id))} vs ${baseline.get(`${mismatched[0].name}/${mismatched[0].dept}`)}` : ''}`,
    );
    const witnesses = all().filter((r) => r.role !== 'gateway').map((r) => witnessDir(t, r.role, r.index));
    const verify = await cli(['audit', 'verify', '--witness', ...witnesses]);
    check(verify.code === 0, `govgraph audit verify: ${verify.out.trim().split('\n').pop()}`);

    // --- One policy for every replica.
    say('\npolicy change under load');
    const before = await cli(['policy', 'status', '--dir', policyDir]);
    check(before.code === 0, `before: ${before.out.split('\n')[0]}`);
    load = new Load(gatewayUrl, clients);
    await sleep(1_000);
    const file = path.join(policyDir, 'public-security.yaml');
    const doc = YAML.parse(fs.readFileSync(file, 'utf8'));
    doc.types.Person.fields.phone = { ...doc.types.Person.fields.phone, sharing: 'not-shared', legalBasis: '扩容测试：临时停止共享' };
    fs.writeFileSync(`${file}.tmp`, YAML.stringify(doc));
    fs.renameSync(`${file}.tmp`, file);
    const changedAt = Date.now();
    const status = await cli(['policy', 'status', '--dir', policyDir, '--wait', '30']);
    const inForceAt = Date.now();
    check(status.code === 0, `after the change: ${status.out.split('\n')[0]} (reported ${((inForceAt - changedAt) / 1000).toFixed(1)} s after the edit)`);
    const revised = /revision (\S+) in force/.exec(status.out)?.[1];
    await sleep(5_000);
    const during = await load.stop();
    await sleep(1_500);
    const after = during.filter((s) => s.sentAt > inForceAt);
    const afterRecords = await recordsOf(platform, after.map((s) => s.id));
    const stale = after.filter((s) => s.revisions.some((r) => r !== revised) || (afterRecords.get(s.id) ?? []).some((r) => r.revision !== revised));
    const decided = after.filter((s) => s.revisions.length || afterRecords.get(s.id)?.length).length;
    check(
      !!revised && decided > 0 && stale.length === 0,
      `no request sent after it was reported in force was decided under the old revision (${decided} of ${after.length} requests carried a revision; ${stale.length} stale)`,
    );
    summarize('across the policy change', during, (Date.now() - changedAt) / 1000 + 1);
    check(during.every((s) => !failed(s)), 'no failed request across the policy change');

    // --- A captured credential played back to the other replica.
    say('\nreplay across replicas');
    const gatewayKey = await readKeyPairFile(path.join(keysDir, 'gateway.private.jwk.json'));
    const body = JSON.stringify({ query: '{ __typename }' });
    const credential = await signCredential(gatewayKey, { audience: 'population', body, requester: identities[0], requestId: `scale-replay-${tag}` });
    const [p1, p2] = replicas.get('population')!;
    const send = (r: Replica) => fetch(`${r.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', [CREDENTIAL_HEADER]: credential }, body });
    const first = await send(p1);
    const replayed = await send(p2);
    const replayBody = (await replayed.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    check(first.status === 200 && replayed.status === 401, `a credential accepted by ${p1.name} (HTTP ${first.status}) is refused by ${p2.name} (HTTP ${replayed.status} ${replayBody.errors?.[0]?.extensions?.code ?? ''})`);
  } finally {
    await Promise.all(all().map((r) => r.stop().catch(() => undefined)));
    await lb.stop().catch(() => undefined);
    await platform.destroy();
    await dbs.drop().catch((err) => say(`could not drop the test databases: ${err.message}`));
    if (!failures.length && !process.env.SCALE_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
  say(failures.length ? `\nscale-out test FAILED: ${failures.length} check(s)` : '\nscale-out test passed');
  process.exitCode = failures.length ? 1 : 0;
}

main().catch((err) => {
  process.stderr.write(`scale-out test could not run: ${err?.stack ?? err}\n`);
  process.exitCode = 1;
});
