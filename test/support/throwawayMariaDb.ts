/**
 * A MariaDB server of the test's own — `mariadb-install-db` into a temporary directory,
 * `mariadbd` on a free port — so a fault test can stop and start a real MySQL-protocol server
 * without touching the shared one other suites use. Grant tables are skipped: the test owns
 * the whole server and reaches it on 127.0.0.1 only.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import knexFactory from 'knex';
import { freePort } from './throwawayPostgres';

const run = promisify(execFile);

/** Where the MariaDB server and its installer are, if both are installed. */
export function mariaDbBinaries(): { installDb: string; server: string } | undefined {
  const find = (names: string[]) => names.map((n) => ['/usr/bin', '/usr/sbin'].map((d) => path.join(d, n))).flat().find((p) => fs.existsSync(p));
  const installDb = find(['mariadb-install-db', 'mysql_install_db']);
  const server = find(['mariadbd', 'mysqld']);
  return installDb && server ? { installDb, server } : undefined;
}

export class ThrowawayMariaDb {
  private child?: ChildProcess;

  private constructor(
    private readonly server: string,
    readonly dir: string,
    readonly port: number,
  ) {}

  /** Installs a data directory in a temporary directory and starts the server; throws if MariaDB is not installed. */
  static async create(): Promise<ThrowawayMariaDb> {
    const bins = mariaDbBinaries();
    if (!bins) throw new Error('no mariadb-install-db / mariadbd');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-mariadb-'));
    const db = new ThrowawayMariaDb(bins.server, dir, await freePort());
    try {
      await run(bins.installDb, ['--no-defaults', `--datadir=${db.dataDir}`, '--auth-root-authentication-method=normal', '--skip-test-db', `--user=${os.userInfo().username}`], { timeout: 120_000 });
      await db.start();
      return db;
    } catch (err) {
      await db.destroy().catch(() => undefined);
      throw err;
    }
  }

  private get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  /** `mysql://root@127.0.0.1:<port>/<database>`. */
  url(database = 'mysql'): string {
    return `mysql://root@127.0.0.1:${this.port}/${database}`;
  }

  /** Creates `name` as the test databases are (utf8mb4, binary collation) and returns its URL. */
  async createDatabase(name: string): Promise<string> {
    const admin = knexFactory({ client: 'mysql2', connection: this.url(), pool: { min: 0, max: 1 } });
    try {
      await admin.raw('CREATE DATABASE ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_bin', [name]);
    } finally {
      await admin.destroy();
    }
    return this.url(name);
  }

  /** Starts the server and waits until it answers a query. */
  async start(): Promise<void> {
    const child = spawn(
      this.server,
      [
        '--no-defaults',
        `--datadir=${this.dataDir}`,
        `--socket=${path.join(this.dir, 'mysqld.sock')}`,
        `--pid-file=${path.join(this.dir, 'mysqld.pid')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--user=${os.userInfo().username}`,
        '--skip-grant-tables',
        '--skip-log-bin',
        '--innodb-buffer-pool-size=16M',
        // Durability is not what these tests are about.
        '--innodb-flush-log-at-trx-commit=0',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr = (stderr + String(chunk)).slice(-4000)));
    this.child = child;
    const probe = knexFactory({ client: 'mysql2', connection: this.url(), pool: { min: 0, max: 1 } });
    try {
      for (let i = 0; ; i++) {
        if (child.exitCode !== null) throw new Error(`mariadbd exited with ${child.exitCode}: ${stderr}`);
        try {
          await probe.raw('select 1');
          return;
        } catch (err) {
          if (i > 120) throw new Error(`mariadbd did not answer within 60 s: ${(err as Error).message} ${stderr}`);
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    } finally {
      await probe.destroy();
    }
  }

  /** Stops the server as an operator would (SIGTERM: a clean shutdown) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  /** Stops the server if it runs and removes its directory. */
  async destroy(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
