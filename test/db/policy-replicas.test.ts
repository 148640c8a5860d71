/**
 * Every process reports the policy revision it enforces to the platform database
 * (lib/policy/replicas.ts), and `govgraph policy status` says a revision is in force only when
 * every live process enforces it — the check a deployment waits on after a policy change
 * (README, "Deployment and scale-out"). Two policy stores over two copies of `policies/` stand
 * in for two replicas whose files change one after the other (a ConfigMap reaches pods at
 * different moments).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { openPlatformDatabase, type TestDatabase } from '../support/databases';
import { copyPolicies, type PolicyDirCopy } from '../support/policyDir';
import { PolicyStore } from '../../lib/policy/store';
import { readPolicyStatus, ReplicaReporter } from '../../lib/policy/replicas';
import { rootLogger } from '../../lib/log';

const run = promisify(execFile);
const log = rootLogger.child({ service: 'test-replicas' });

let t: TestDatabase;
const copies: PolicyDirCopy[] = [];
const stores: PolicyStore[] = [];
beforeAll(async () => {
  t = await openPlatformDatabase();
});
afterAll(async () => {
  stores.forEach((s) => s.close());
  copies.forEach((c) => c.remove());
  await t?.drop();
});

function replicaFiles(): { copy: PolicyDirCopy; store: PolicyStore } {
  const copy = copyPolicies();
  const store = PolicyStore.open(copy.dir, { log });
  copies.push(copy);
  stores.push(store);
  return { copy, store };
}

const declassifyPhone = (doc: any) => {
  doc.types.Person.fields.phone = { ...doc.types.Person.fields.phone, sharing: 'not-shared', legalBasis: '测试：临时停止共享' };
};

it('reports each process at once and on every change; status agrees only when every live process enforces one revision', async () => {
  const a = replicaFiles();
  const b = replicaFiles();
  const old = a.store.current.revision;
  expect(b.store.current.revision).toBe(old);
  const ra = await ReplicaReporter.start(t.db.knex, a.store, { services: ['population'], log });
  const rb = await ReplicaReporter.start(t.db.knex, b.store, { services: ['population'], log });
  try {
    let status = await readPolicyStatus(t.db.knex);
    expect(status.live.map((r) => r.instance).sort()).toEqual([ra.instance, rb.instance].sort());
    expect([...status.revisions]).toEqual([[old, 2]]);

    // The change reaches replica a first: status shows the two revisions side by side.
    a.copy.editProvider('public-security.yaml', declassifyPhone);
    expect(a.store.reload()).toBe(true);
    const revised = a.store.current.revision;
    expect(revised).not.toBe(old);
    await ra.report(); // the listener's report is in flight; wait for it as a heartbeat would
    status = await readPolicyStatus(t.db.knex);
    expect(new Map(status.revisions)).toEqual(new Map([[old, 1], [revised, 1]]));

    // Then replica b: one revision everywhere.
    b.copy.editProvider('public-security.yaml', declassifyPhone);
    b.store.reload();
    await rb.report();
    status = await readPolicyStatus(t.db.knex);
    expect([...status.revisions]).toEqual([[revised, 2]]);
    expect(status.live.every((r) => r.since.getTime() <= Date.now())).toBe(true);
  } finally {
    await ra.close();
    await rb.close();
  }
  // A process stopped on purpose removes its report.
  expect((await readPolicyStatus(t.db.knex)).live).toEqual([]);
});

it('does not count a process whose heartbeats stopped (gone without saying so)', async () => {
  const a = replicaFiles();
  const reporter = await ReplicaReporter.start(t.db.knex, a.store, { services: ['geospatial'], log });
  try {
    await t.db.knex('policy_replica').where({ instance: reporter.instance }).update({ seen_at: t.db.knex.raw("now() - interval '16 seconds'") });
    const status = await readPolicyStatus(t.db.knex, { intervalSeconds: 5 });
    expect(status.live).toEqual([]);
    expect(status.stale.map((r) => r.instance)).toEqual([reporter.instance]);
    // Its next heartbeat makes it live again.
    await reporter.report();
    expect((await readPolicyStatus(t.db.knex, { intervalSeconds: 5 })).live.map((r) => r.instance)).toEqual([reporter.instance]);
  } finally {
    await reporter.close();
  }
});

const cli = (args: string[], env: Record<string, string>) =>
  run(process.execPath, [path.join(__dirname, '..', '..', 'bin', 'govgraph.js'), ...args], { env: { ...process.env, ...env }, timeout: 60_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

// The command reads a platform database on a server (GOVGRAPH_SHARING_DB_URL), as a deployment has one.
const onServer = process.env.GOVGRAPH_PG_URL ? it : it.skip;

onServer('govgraph policy status: exit 0 when every live process enforces the files\' revision, 1 while one lags, 2 without a database', async () => {
  const a = replicaFiles();
  const b = replicaFiles();
  const ra = await ReplicaReporter.start(t.db.knex, a.store, { services: ['legal-person'], log });
  const rb = await ReplicaReporter.start(t.db.knex, b.store, { services: ['legal-person'], log });
  const env = { GOVGRAPH_SHARING_DB_URL: t.url!, GOVGRAPH_LOG_LEVEL: 'error' };
  try {
    let r = await cli(['policy', 'status', '--dir', a.copy.dir], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^revision ${a.store.current.revision} in force on all 2 live processes`));

    a.copy.editProvider('public-security.yaml', declassifyPhone);
    a.store.reload();
    await ra.report();
    // Against the new files: replica b still enforces the old revision.
    r = await cli(['policy', 'status', '--dir', a.copy.dir, '--wait', '1'], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^NOT in force everywhere/);
    expect(r.stdout).toContain(rb.instance);

    // b catches up while the command waits.
    const waiting = cli(['policy', 'status', '--dir', a.copy.dir, '--wait', '20', '--format', 'json'], env);
    setTimeout(() => {
      b.copy.editProvider('public-security.yaml', declassifyPhone);
      b.store.reload();
    }, 1500);
    r = await waiting;
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ inForce: true, expected: a.store.current.revision, revisions: { [a.store.current.revision]: 2 } });
  } finally {
    await ra.close();
    await rb.close();
  }
  const none = await cli(['policy', 'status'], { GOVGRAPH_SHARING_DB_URL: '' });
  expect(none.code).toBe(2);
  expect(none.stderr).toMatch(/GOVGRAPH_SHARING_DB_URL/);
});
