/**
 * The scale-out topology of `npm run test:scale`, on one machine: two gateways and two
 * replicas of every subgraph, each its own `govgraph serve <role>` process with the
 * environment a deployment gives it (README, "Deployment and scale-out"), behind HAProxy —
 * one frontend for the gateways, one per subgraph for its replicas — on the real PostgreSQL,
 * MariaDB and Redis of the machine, in throw-away databases.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import knexFactory from 'knex';
import { envName } from '../../lib/config';

export const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'govgraph.js');

/** The subgraphs in the order they must first start: the platform's (sharing) seeds the shared tables. */
export const SUBGRAPHS = [
  { name: 'sharing', dialect: 'pg' as const },
  { name: 'population', dialect: 'pg' as const },
  { name: 'legal-person', dialect: 'mysql' as const },
  { name: 'geospatial', dialect: 'pg' as const },
  { name: 'social-security', dialect: 'mysql' as const },
];
export type Role = 'gateway' | (typeof SUBGRAPHS)[number]['name'];
export const REPLICAS = 2;

/** Ports: the load balancer's frontends at BASE (gateway) and BASE+1…5, the replicas above them. */
const BASE = Number(process.env.SCALE_BASE_PORT ?? 4700);
export const frontPort = (role: Role) => BASE + (role === 'gateway' ? 0 : 1 + SUBGRAPHS.findIndex((s) => s.name === role));
const replicaPort = (role: Role, replica: number) => BASE + 10 * (role === 'gateway' ? 1 : 2 + SUBGRAPHS.findIndex((s) => s.name === role)) + replica;
/** HAProxy backend/server names. */
const backend = (role: Role) => `be_${role.replace(/-/g, '_')}`;
const server = (replica: number) => `r${replica}`;

export interface Servers {
  pgUrl: string;
  mysqlUrl: string;
  redisUrl: string;
}

function dbUrl(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A process of the topology. */
export class Replica {
  child?: ChildProcess;
  readonly url: string;
  constructor(
    readonly role: Role,
    readonly index: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logFile: string,
  ) {
    this.url = `http://127.0.0.1:${replicaPort(role, index)}`;
  }

  get name(): string {
    return `${this.role}#${this.index + 1}`;
  }

  start(): void {
    const out = fs.openSync(this.logFile, 'a');
    this.child = spawn(process.execPath, [BIN, 'serve', this.role], { env: this.env, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    this.child.once('exit', (code, signal) => {
      if (this.child && code !== 0 && signal !== 'SIGTERM') process.stderr.write(`scale: ${this.name} exited (${code ?? signal}); see ${this.logFile}\n`);
    });
  }

  /** Graceful stop (SIGTERM: drain, close, exit), as an orchestrator stops a pod. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(killer);
    this.child = undefined;
  }

  async waitReady(timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child?.exitCode != null) throw new Error(`${this.name} exited with ${this.child.exitCode} before it was ready; see ${this.logFile}`);
      try {
        const res = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2_000) });
        await res.body?.cancel();
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${this.name} not ready after ${timeoutMs / 1000} s; see ${this.logFile}`);
  }
}

/** The HAProxy in front of everything, with its runtime API on a UNIX socket. */
export class LoadBalancer {
  child?: ChildProcess;
  readonly socket: string;
  constructor(private readonly dir: string) {
    this.socket = path.join(dir, 'haproxy.sock');
  }

  config(): string {
    const lines = [
      'global',
      `  stats socket ${this.socket} mode 600 level admin`,
      '  maxconn 4096',
      // One line per request in haproxy.log: its termination state says who closed what.
      '  log stdout format raw local0',
      'defaults',
      '  mode http',
      '  log global',
      '  option httplog',
      '  timeout connect 2s',
      '  timeout client 60s',
      '  timeout server 60s',
      '  timeout http-keep-alive 10s',
      // /readyz asks the databases and Redis with 2 s each (lib/http/health.ts).
      '  timeout check 3s',
      // A replica that closes a kept-alive connection as a request goes out on it (a restart)
      // answers nothing: retry that request on another replica. Requests are buffered for it.
      '  retries 3',
      '  option redispatch 1',
      '  retry-on conn-failure empty-response',
      '  option http-buffer-request',
    ];
    for (const role of ['gateway', ...SUBGRAPHS.map((s) => s.name)] as Role[]) {
      lines.push(
        `frontend fe_${role.replace(/-/g, '_')}`,
        `  bind 127.0.0.1:${frontPort(role)}`,
        `  default_backend ${backend(role)}`,
        `backend ${backend(role)}`,
        '  balance roundrobin',
        // A gateway's /readyz is not ready while any department is down; a gateway still
        // answers every other department's fields then, so it stays in rotation on /healthz.
        `  option httpchk GET ${role === 'gateway' ? '/healthz' : '/readyz'}`,
        '  http-check expect status 200',
        ...Array.from({ length: REPLICAS }, (_, r) => `  server ${server(r)} 127.0.0.1:${replicaPort(role, r)} check inter 1s fall 3 rise 2`),
      );
    }
    return `${lines.join('\n')}\n`;
  }

  async start(): Promise<void> {
    const file = path.join(this.dir, 'haproxy.cfg');
    fs.writeFileSync(file, this.config());
    const check = spawn('haproxy', ['-c', '-f', file], { stdio: 'pipe' });
    const code = await new Promise<number | null>((r) => check.once('exit', (c) => r(c)));
    if (code !== 0) throw new Error(`haproxy -c refused ${file}`);
    const log = fs.openSync(path.join(this.dir, 'haproxy.log'), 'a');
    this.child = spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', log, log] });
    fs.closeSync(log);
    for (let i = 0; i < 40 && !fs.existsSync(this.socket); i++) await new Promise((r) => setTimeout(r, 100));
  }

  /** A runtime API command (`set server be/srv state maint` …); returns its answer. */
  command(cmd: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const conn = net.createConnection(this.socket);
      let answer = '';
      conn.on('data', (d) => (answer += d));
      conn.on('end', () => resolve(answer.trim()));
      conn.on('error', reject);
      conn.end(`${cmd}\n`);
    });
  }

  /** Takes a replica out of rotation (new requests go elsewhere; those in flight finish) or back. */
  async setState(replica: Replica, state: 'maint' | 'drain' | 'ready'): Promise<void> {
    const answer = await this.command(`set server ${backend(replica.role)}/${server(replica.index)} state ${state}`);
    if (answer) throw new Error(`haproxy: ${answer}`);
  }

  /** How HAProxy sees each server: `be_population/r0 UP` … */
  async serverStates(): Promise<string[]> {
    const csv = await this.command('show stat');
    return csv
      .split('\n')
      .filter((l) => /^be_/.test(l) && !/BACKEND/.test(l))
      .map((l) => {
        const c = l.split(',');
        return `${c[0]}/${c[1]} ${c[17]}`;
      });
  }

  /** Waits until HAProxy's health checks count `replica` as up (back in rotation). */
  async waitUp(replica: Replica, timeoutMs = 30_000): Promise<void> {
    const name = `${backend(replica.role)}/${server(replica.index)} UP`;
    const deadline = Date.now() + timeoutMs;
    while (!(await this.serverStates()).includes(name)) {
      if (Date.now() > deadline) throw new Error(`haproxy does not see ${replica.name} up after ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child!.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** Throw-away databases for the run, one per department (PostGIS in the geospatial one). */
export async function createDatabases(servers: Servers, tag: string): Promise<{ urls: Record<string, string>; drop(): Promise<void> }> {
  const pg = knexFactory({ client: 'pg', connection: servers.pgUrl, pool: { min: 0, max: 1 } });
  const mysql = knexFactory({ client: 'mysql2', connection: servers.mysqlUrl, pool: { min: 0, max: 1 } });
  const urls: Record<string, string> = {};
  const created: Array<{ dialect: 'pg' | 'mysql'; name: string }> = [];
  try {
    for (const s of SUBGRAPHS) {
      const name = `govgraph_scale_${tag}_${s.name.replace(/-/g, '_')}`;
      if (s.dialect === 'pg') {
        await pg.raw(`DROP DATABASE IF EXISTS ${name}`);
        await pg.raw(`CREATE DATABASE ${name}`);
      } else {
        await mysql.raw(`DROP DATABASE IF EXISTS ${name}`);
        await mysql.raw(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      }
      created.push({ dialect: s.dialect, name });
      urls[s.name] = dbUrl(s.dialect === 'pg' ? servers.pgUrl : servers.mysqlUrl, name);
    }
  } finally {
    await pg.destroy();
    await mysql.destroy();
  }
  return {
    urls,
    async drop() {
      const pg2 = knexFactory({ client: 'pg', connection: servers.pgUrl, pool: { min: 0, max: 1 } });
      const mysql2 = knexFactory({ client: 'mysql2', connection: servers.mysqlUrl, pool: { min: 0, max: 1 } });
      try {
        for (const c of created) {
          if (c.dialect === 'pg') await pg2.raw(`DROP DATABASE IF EXISTS ${c.name} WITH (FORCE)`);
          else await mysql2.raw(`DROP DATABASE IF EXISTS ${c.name}`);
        }
      } finally {
        await pg2.destroy();
        await mysql2.destroy();
      }
    },
  };
}

export interface TopologyEnv {
  servers: Servers;
  databases: Record<string, string>;
  /** `govgraph keys generate --out` output. */
  keysDir: string;
  policyDir: string;
  dataDir: string;
  redisPrefix: string;
  persons: number;
}

/** The environment of one process: what the README's variable table says a deployment sets. */
export function processEnv(role: Role, replica: number, t: TopologyEnv): NodeJS.ProcessEnv {
  const key = (file: string) => path.join(t.keysDir, file);
  const common: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GOVGRAPH_ENV: 'production',
    GOVGRAPH_HOST: '127.0.0.1',
    GOVGRAPH_LOG_LEVEL: process.env.SCALE_LOG_LEVEL ?? 'warn',
    GOVGRAPH_REDIS_URL: t.servers.redisUrl,
    GOVGRAPH_REDIS_PREFIX: t.redisPrefix,
    GOVGRAPH_SEAL_KEY: fs.readFileSync(key('seal.key'), 'utf8').trim(),
    GOVGRAPH_GATEWAY_PUBLIC_KEY: key('gateway.public.jwk.json'),
    GOVGRAPH_DATA_DIR: path.join(t.dataDir, `${role}-${replica + 1}`),
  };
  if (role === 'gateway') {
    return {
      ...common,
      GOVGRAPH_GATEWAY_PORT: String(replicaPort('gateway', replica)),
      GOVGRAPH_JWT_PUBLIC_KEYS: key('token-issuer.public.jwk.json'),
      GOVGRAPH_GATEWAY_PRIVATE_KEY: key('gateway.private.jwk.json'),
      // The load is a few users sending many requests each: limits would be the point of another test.
      GOVGRAPH_RATE_USER_PER_MIN: '0',
      GOVGRAPH_RATE_DEPT_PER_MIN: '0',
      GOVGRAPH_RATE_GRANT_PER_DAY: '0',
      ...Object.fromEntries(SUBGRAPHS.map((s) => [`GOVGRAPH_${envName(s.name)}_URL`, `http://127.0.0.1:${frontPort(s.name)}/graphql`])),
    };
  }
  return {
    ...common,
    [`GOVGRAPH_${envName(role)}_PORT`]: String(replicaPort(role, replica)),
    [`GOVGRAPH_${envName(role)}_DB_URL`]: t.databases[role],
    GOVGRAPH_SHARING_DB_URL: t.databases.sharing,
    GOVGRAPH_POLICY_DIR: t.policyDir,
    GOVGRAPH_SEED_PERSONS: String(t.persons),
    GOVGRAPH_AUDIT_KEY: fs.readFileSync(key('audit.key'), 'utf8').trim(),
    GOVGRAPH_AUDIT_ANCHOR_PUBLIC_KEY: key('audit-anchor.public.jwk.json'),
    GOVGRAPH_AUDIT_WITNESS_DIR: witnessDir(t, role, replica),
    GOVGRAPH_POLICY_REPORT_SECONDS: '1',
    ...(role === 'sharing' ? { GOVGRAPH_AUDIT_ANCHOR_PRIVATE_KEY: key('audit-anchor.private.jwk.json'), GOVGRAPH_AUDIT_CHECKPOINT_SECONDS: '5' } : {}),
  };
}

export const witnessDir = (t: Pick<TopologyEnv, 'dataDir'>, role: Role, replica: number) => path.join(t.dataDir, `${role}-${replica + 1}`, 'audit-witness');
