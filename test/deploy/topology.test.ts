/**
 * deploy/compose.yaml run without a container engine: each govgraph service's command (the
 * Dockerfile's ENTRYPOINT + the service's `command`) started as a real process, with exactly
 * the environment the image and the service declare, in a folder laid out as the image's /app
 * (the runtime stage's COPY instructions), as the image's non-root user (when the test runs
 * as root), in the order `depends_on` gives — then one README query through the gateway, and a
 * clean stop of every process.
 *
 * Only what a container engine would provide is mapped, each rule below:
 * - the service hostnames (postgres, mariadb, redis, population …) → 127.0.0.1, and the
 *   listening interface 0.0.0.0 → 127.0.0.1;
 * - each role's port → a free one (other suites and `npm start` may hold 4000–4005);
 * - the database servers → this machine's (PostgreSQL 5432 as postgres, MariaDB 3306 as root,
 *   no passwords), each database a throw-away one created and dropped here; Redis → 6379 with
 *   a key prefix of the test's own (deleted afterwards);
 * - container paths → folders of the test: /app → the image folder, /run/secrets/<name> → the
 *   compose secret's file (from `govgraph keys generate`), /var/lib/govgraph → a data folder per service.
 * Anything else in a value that only exists inside a container fails the test.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import knexFactory, { type Knex } from 'knex';
import { readKeyPairFile, issueToken } from '../../lib/identity';
import { connectRedis } from '../../lib/redis';
import { rootLogger } from '../../lib/log';
import { freePort } from '../support/throwawayPostgres';
import { ROOT, govgraphServices, interpolate, parseDockerfile, readCompose, serviceEnvironment, type ComposeFile } from './deployFiles';

const run = promisify(execFile);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureBuilt } = require('../../scripts/build.js') as { ensureBuilt(): boolean };

const PG_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
const MYSQL_SERVER = 'mysql://root@127.0.0.1:3306/mysql';
const REDIS_SERVER = 'redis://127.0.0.1:6379';
/** The image's user (Dockerfile USER). */
const runtime = parseDockerfile().at(-1)!;
const [UID, GID] = runtime.user!.split(':').map(Number);
/**
 * As root, the processes run as the image's user — in a folder it cannot write, as in the image.
 * Only if that user can reach the checkout's node_modules (linked into the folder): a clone
 * under a private directory would fail for a reason that is not the image's.
 */
const AS_IMAGE_USER =
  process.getuid?.() === 0 &&
  spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(path.join(ROOT, 'node_modules', 'graphql', 'package.json'))})`], { uid: UID, gid: GID, timeout: 10_000 }).status === 0;
if (process.getuid?.() === 0 && !AS_IMAGE_USER) process.stdout.write(`deploy topology: user ${UID} cannot read ${ROOT}/node_modules; the processes run as root\n`);

/** The README's flagship query ("A five-minute tour"). */
const DIBAO = `query DibaoHousehold {
  person(idNumber: "320102198001011238") {
    name
    household {
      members {
        relationToHead
        person {
          name
          legalRepresentativeOf { name status }
          shareholdings { company { name } }
          realEstateRights { certificateNo parcel { code division { name } } encumbrances { kind } }
          socialInsurance { insuranceType status employer { name } monthlyContributionBase paidMonths lastPaidMonth }
        }
      }
    }
  }
}`;

interface Started {
  name: string;
  child: ChildProcess;
  port: number;
  output: string[];
  exited: Promise<number | null>;
}

/** Services in start order: each after everything its depends_on names (databases are the machine's). */
function startLevels(compose: ComposeFile, names: string[]): string[][] {
  const levels: string[][] = [];
  const done = new Set<string>();
  while (done.size < names.length) {
    const level = names.filter((n) => !done.has(n) && Object.keys(compose.services[n].depends_on ?? {}).every((d) => done.has(d) || !names.includes(d)));
    if (!level.length) throw new Error(`depends_on has a cycle among ${names.filter((n) => !done.has(n)).join(', ')}`);
    level.forEach((n) => done.add(n));
    levels.push(level);
  }
  return levels;
}

async function waitReady(s: Started, deadline: number): Promise<void> {
  for (;;) {
    const code = await Promise.race([s.exited.then((c) => `exit ${c}`), new Promise<null>((r) => setTimeout(() => r(null), 0))]);
    if (code) throw new Error(`${s.name} stopped before it was ready (${code}):\n${s.output.join('').slice(-3000)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${s.port}/readyz`, { signal: AbortSignal.timeout(3000) });
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${s.name} not ready in time:\n${s.output.join('').slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('deploy/compose.yaml, run as processes', () => {
  const compose = readCompose();
  const services = govgraphServices(compose);
  const tag = `gg_deploy_${randomBytes(3).toString('hex')}`;
  const redisPrefix = `govgraph-test:deploy:${tag}:`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-deploy-'));
  const image = path.join(tmp, 'app');
  const keys = path.join(tmp, 'keys');
  const started: Started[] = [];
  const databases: Array<{ kind: 'pg' | 'mysql'; name: string }> = [];
  let pg: Knex;
  let mysql: Knex;

  beforeAll(async () => {
    fs.chmodSync(tmp, 0o755);
    pg = knexFactory({ client: 'pg', connection: PG_SERVER, pool: { min: 0, max: 1 } });
    mysql = knexFactory({ client: 'mysql2', connection: MYSQL_SERVER, pool: { min: 0, max: 1 } });
  });

  afterAll(async () => {
    for (const s of started) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await Promise.all(started.map((s) => s.exited));
    for (const db of databases) {
      if (db.kind === 'pg') await pg.raw(`DROP DATABASE IF EXISTS "${db.name}" WITH (FORCE)`).catch(() => undefined);
      else await mysql.raw(`DROP DATABASE IF EXISTS \`${db.name}\``).catch(() => undefined);
    }
    await pg?.destroy();
    await mysql?.destroy();
    const redis = await connectRedis(REDIS_SERVER, { name: 'govgraph-deploy-test', log: rootLogger });
    try {
      const found = await redis.keys(`${redisPrefix}*`);
      if (found.length) await redis.del(...found);
    } finally {
      await redis.quit().catch(() => redis.disconnect());
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('every role starts with its declared command and environment, becomes ready, answers the README query through the gateway, and stops cleanly', async () => {
    // The image's /app: what the runtime stage copies, from the build stage (dist/ current, the
    // dependencies) and from the build context.
    const began = Date.now();
    const marks: string[] = [];
    const mark = (what: string) => marks.push(`${what} ${((Date.now() - began) / 1000).toFixed(1)} s`);
    ensureBuilt();
    mark('built');
    expect(runtime.workdir).toBe('/app');
    for (const c of runtime.copies) {
      for (const src of c.sources) {
        const from = c.from === 'build' ? path.join(ROOT, path.relative('/src', src)) : path.join(ROOT, src);
        // Docker's rules: a folder's content into the destination; a file into a destination
        // folder (`…/`) under its own name, else as the destination.
        const to = path.join(image, src.endsWith('/') ? c.dest : c.dest.endsWith('/') ? path.join(c.dest, path.basename(src)) : c.dest);
        fs.mkdirSync(path.dirname(to), { recursive: true });
        // node_modules is 1 GB: linked, read-only to the image user as in the image.
        if (path.basename(from) === 'node_modules') fs.symlinkSync(from, to.replace(/\/$/, ''));
        else fs.cpSync(from, to.replace(/\/$/, ''), { recursive: true });
      }
    }
    expect(fs.existsSync(path.join(image, 'dist', 'cli', 'main.js'))).toBe(true);
    // No source folder: the image runs dist/ alone.
    expect(fs.existsSync(path.join(image, 'lib'))).toBe(false);

    // Keys as an operator makes them (README, "Deployment files").
    const cliEnv = { ...process.env, GOVGRAPH_CRYPTO: 'intl', NODE_OPTIONS: '' };
    await run(process.execPath, [path.join(ROOT, 'bin', 'govgraph.js'), 'keys', 'generate', '--out', keys], { env: cliEnv });
    if (AS_IMAGE_USER) for (const f of ['', ...fs.readdirSync(keys)]) fs.chownSync(path.join(keys, f), UID, GID);
    // deploy/.env
    const vars: Record<string, string> = {
      POSTGRES_PASSWORD: 'not-used-here',
      MARIADB_ROOT_PASSWORD: 'not-used-here',
      REDIS_PASSWORD: 'not-used-here',
      GOVGRAPH_SEAL_KEY: fs.readFileSync(path.join(keys, 'seal.key'), 'utf8').trim(),
      GOVGRAPH_AUDIT_KEY: fs.readFileSync(path.join(keys, 'audit.key'), 'utf8').trim(),
      GOVGRAPH_KEYS_DIR: keys,
    };

    // Ports: each role's declared one → a free one.
    const ports = new Map<string, number>();
    for (const [name, s] of services) {
      const declared = Object.entries(s.environment ?? {}).find(([k]) => /^GOVGRAPH_[A-Z_]+_PORT$/.test(k));
      expect([name, declared]).toEqual([name, expect.anything()]);
      ports.set(`${name}:${declared![1]}`, await freePort());
    }
    const portOf = (name: string) => [...ports.entries()].find(([k]) => k.startsWith(`${name}:`))![1];

    const mapValue = (service: string, key: string, value: string): string => {
      if (/^GOVGRAPH_[A-Z_]+_PORT$/.test(key)) return String(ports.get(`${service}:${value}`));
      if (key === 'GOVGRAPH_HOST' && value === '0.0.0.0') return '127.0.0.1';
      if (key === 'GOVGRAPH_REDIS_PREFIX') return redisPrefix;
      if (/^(postgres|mysql|redis|http):\/\//.test(value)) {
        const u = new URL(value);
        if (u.protocol === 'http:') return `http://127.0.0.1:${ports.get(`${u.hostname}:${u.port}`)}${u.pathname}`;
        if (u.protocol === 'redis:') return `${REDIS_SERVER}${u.pathname}`;
        const name = `${tag}_${u.pathname.slice(1)}`;
        if (!databases.some((d) => d.name === name)) databases.push({ kind: u.protocol === 'postgres:' ? 'pg' : 'mysql', name });
        return u.protocol === 'postgres:' ? `postgres://postgres@127.0.0.1:5432/${name}` : `mysql://root@127.0.0.1:3306/${name}`;
      }
      if (value.startsWith('/run/secrets/')) return interpolate(compose.secrets![value.slice('/run/secrets/'.length)].file!, vars);
      if (value === '/app' || value.startsWith('/app/')) return path.join(image, value.slice('/app'.length));
      if (value === runtime.env.GOVGRAPH_DATA_DIR || value.startsWith(`${runtime.env.GOVGRAPH_DATA_DIR}/`)) return path.join(tmp, service, value.slice(runtime.env.GOVGRAPH_DATA_DIR.length));
      return value;
    };

    const environments = new Map<string, Record<string, string>>();
    for (const [name, s] of services) {
      // The image's ENV under the service's environment, as a container gets them.
      const declared = { ...runtime.env, ...serviceEnvironment(s, vars) };
      const env = Object.fromEntries(Object.entries(declared).map(([k, v]) => [k, mapValue(name, k, v)]));
      for (const [k, v] of Object.entries(env)) {
        expect([name, k, /\/run\/secrets|\/var\/lib\/govgraph|^\/app|@(postgres|mariadb|redis)[:/]|\/\/(population|legal-person|geospatial|sharing|social-security|gateway):|0\.0\.0\.0/.test(v)]).toEqual([name, k, false]);
      }
      environments.set(name, env);
      // The volume mounted at the data directory, writable by the image user.
      fs.mkdirSync(path.join(tmp, name, 'audit-witness'), { recursive: true });
      if (AS_IMAGE_USER) for (const d of ['', 'audit-witness']) fs.chownSync(path.join(tmp, name, d), UID, GID);
    }
    // The policies the subgraphs mount (../policies:/app/policies:ro) are the image's copy here: the same files.

    // The throw-away databases the URLs name (compose's init scripts create them there).
    for (const db of databases) {
      if (db.kind === 'pg') await pg.raw(`CREATE DATABASE "${db.name}"`);
      else await mysql.raw(`CREATE DATABASE \`${db.name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    }

    const start = (name: string): Started => {
      const command = [...runtime.entrypoint!, ...compose.services[name].command!];
      const child = spawn(command[0] === 'node' ? process.execPath : command[0], command.slice(1), {
        cwd: image,
        // Exactly the declared environment, plus the PATH every container has.
        env: { PATH: process.env.PATH, ...environments.get(name) },
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(AS_IMAGE_USER ? { uid: UID, gid: GID } : {}),
      });
      const output: string[] = [];
      child.stdout!.on('data', (c) => output.push(String(c)));
      child.stderr!.on('data', (c) => output.push(String(c)));
      const s = { name, child, port: portOf(name), output, exited: new Promise<number | null>((r) => child.once('exit', (code) => r(code))) };
      started.push(s);
      return s;
    };

    const deadline = Date.now() + 200_000;
    const levels = startLevels(compose, services.map(([n]) => n));
    expect(levels[0]).toEqual(['sharing']);
    expect(levels.at(-1)).toEqual(['gateway']);
    mark('keys and databases');
    for (const level of levels) {
      await Promise.all(level.map((name) => waitReady(start(name), deadline)));
      mark(`${level.join(', ')} ready`);
    }

    // The compose healthcheck command answers 0 for every role, as Docker would run it.
    for (const [name, s] of services) {
      const [cmd, ...args] = s.healthcheck!.test.slice(1);
      const { stdout, stderr } = await run(cmd === 'node' ? process.execPath : cmd, [...args, name], { cwd: image, env: { PATH: process.env.PATH, ...environments.get(name) } });
      expect([name, stdout, stderr]).toEqual([name, '', '']);
    }

    mark('health checks run');
    // Production mode, from the image's ENV: no GraphiQL.
    const gateway = `http://127.0.0.1:${portOf('gateway')}`;
    expect((await fetch(`${gateway}/`)).status).toBe(404);

    // The README query, with a token of the issuer whose public key the gateway was given.
    const token = await issueToken(await readKeyPairFile(path.join(keys, 'token-issuer.private.jwk.json'), 'intl'), {
      user: 'deploy-test',
      dept: 'civil-affairs',
      division: '320102',
      roles: ['consumer'],
      ttlSeconds: 600,
    });
    const res = await fetch(`${gateway}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'dibao-verification', 'x-grant-id': 'G-DEMO-0001' },
      body: JSON.stringify({ query: DIBAO }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    // A failing answer names a subgraph, not why: what the processes said, to read beside it.
    if (body.errors) console.log(started.map((s) => `--- ${s.name}\n${s.output.join('').slice(-4000)}`).join('\n'));
    expect([res.status, body.errors]).toEqual([200, undefined]);
    expect(body.data.person.name).toBe('李建国');
    const members = body.data.person.household.members;
    expect(members.map((m: { person: { name: string } }) => m.person.name).sort()).toEqual(['李建国', '李明轩', '王秀英'].sort());
    const head = members.find((m: { person: { name: string } }) => m.person.name === '李建国').person;
    expect(head.legalRepresentativeOf.map((c: { name: string }) => c.name)).toContain('南京玄武示范科技有限公司');
    expect(head.realEstateRights.flatMap((r: { encumbrances: Array<{ kind: string }> }) => r.encumbrances.map((e) => e.kind))).toContain('查封');
    expect(head.socialInsurance.length).toBeGreaterThan(0);

    mark('query answered');
    // What each process holds after start and a query (the basis of the manifests' resources).
    const rss = Object.fromEntries(
      started.map((s) => {
        const status = fs.readFileSync(`/proc/${s.child.pid}/status`, 'utf8');
        return [s.name, `${Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024)} MB`];
      }),
    );
    process.stdout.write(`deploy topology: resident memory after start and one query: ${JSON.stringify(rss)}\n`);

    // Stopped as `docker compose down` does: SIGTERM, the gateway first; each exits 0 in its grace period.
    for (const level of [...levels].reverse()) {
      await Promise.all(
        level.map(async (name) => {
          const s = started.find((x) => x.name === name)!;
          s.child.kill('SIGTERM');
          let timer: NodeJS.Timeout | undefined;
          const code = await Promise.race([s.exited, new Promise((r) => (timer = setTimeout(() => r('still running after 30 s'), 30_000)))]);
          clearTimeout(timer);
          expect([name, code]).toEqual([name, 0]);
        }),
      );
    }
    mark('stopped');
    process.stdout.write(`deploy topology: ${marks.join(', ')}\n`);
  }, 300_000);
});
