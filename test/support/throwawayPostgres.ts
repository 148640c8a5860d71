/**
 * A PostgreSQL server of the test's own — `initdb` and `pg_ctl` from the machine's
 * /usr/lib/postgresql/<version>/bin, a temporary directory, a free port — so a fault test can
 * stop and start a real database server without touching the shared one that other suites
 * use at the same time. As root it runs as the `postgres` user (initdb refuses root).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import knexFactory from 'knex';

const run = promisify(execFile);

/** The newest installed PostgreSQL's bin directory with an initdb, if any. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

/** A port the operating system says is free now (listen on 0, note it, close). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export class ThrowawayPostgres {
  private running = false;

  private constructor(
    private readonly bin: string,
    /** The temporary directory: data, socket and log. */
    readonly dir: string,
    readonly port: number,
    /** `runuser -u postgres --` as root, nothing otherwise. */
    private readonly asUser: string[],
  ) {}

  /** Creates a cluster in a temporary directory and starts it; throws if no initdb exists. */
  static async create(): Promise<ThrowawayPostgres> {
    const bin = postgresBinDir();
    if (!bin) throw new Error('no PostgreSQL initdb under /usr/lib/postgresql');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-pg-'));
    let asUser: string[] = [];
    if (process.getuid?.() === 0) {
      const { stdout: uid } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      fs.chownSync(dir, Number(uid), Number(gid));
      asUser = ['runuser', '-u', 'postgres', '--'];
    }
    const pg = new ThrowawayPostgres(bin, dir, await freePort(), asUser);
    try {
      await pg.exec('initdb', ['-D', pg.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
      await pg.start();
      return pg;
    } catch (err) {
      await pg.destroy().catch(() => undefined);
      throw err;
    }
  }

  private get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  private async exec(tool: string, args: string[]): Promise<void> {
    const [cmd, ...rest] = [...this.asUser, path.join(this.bin, tool), ...args];
    await run(cmd, rest, { timeout: 60_000 });
  }

  /** `postgres://postgres@127.0.0.1:<port>/<database>`. */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Creates `name` and returns its URL. */
  async createDatabase(name: string): Promise<string> {
    const admin = knexFactory({ client: 'pg', connection: this.url(), pool: { min: 0, max: 1 } });
    try {
      await admin.raw('CREATE DATABASE ??', [name]);
    } finally {
      await admin.destroy();
    }
    return this.url(name);
  }

  /** Starts the server and waits until it accepts connections. */
  async start(): Promise<void> {
    // Durability is not what these tests are about; fsync off keeps a 2-core machine quick.
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=16MB`;
    await this.exec('pg_ctl', ['-D', this.dataDir, '-o', options, '-l', path.join(this.dir, 'server.log'), '-w', '-t', '60', 'start']);
    this.running = true;
  }

  /** Stops the server as an operator restarting it would: fast shutdown, sessions terminated. */
  async stop(): Promise<void> {
    await this.exec('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
    this.running = false;
  }

  /** Stops the server if it runs and removes its directory. */
  async destroy(): Promise<void> {
    if (this.running) await this.exec('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    this.running = false;
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
