/**
 * A department subgraph as its own operating-system process (`govgraph serve <name>`, as
 * deployed), for fault tests that need a real signal, a real exit and a real restart. It runs
 * on port 0 over databases of the real servers (GOVGRAPH_PG_URL), with the test's keys.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { envName } from '../../lib/config';
import type { TestSecurity } from './security';

const ROOT = path.join(__dirname, '..', '..');

export interface SubgraphProcess {
  /** `http://127.0.0.1:<port>/graphql`. */
  url: string;
  child: ChildProcess;
  /** Every JSON log line it wrote so far. */
  logs: Array<Record<string, any>>;
  /** Its exit code once it ended. */
  exited: Promise<number | null>;
  /** Sends `signal` (SIGTERM by default) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface SubgraphProcessOptions {
  /** The subgraph's own database (a URL on the real server). */
  databaseUrl: string;
  /** The platform database: the access log and the workflow's grants. */
  platformUrl: string;
  /** Its data directory: keys, and the access log's head witness (`<dataDir>/audit-witness`). */
  dataDir: string;
  security: TestSecurity;
  env?: Record<string, string>;
}

/** The environment a deployment would give the process, for the test's keys. */
function environment(name: string, opts: SubgraphProcessOptions): NodeJS.ProcessEnv {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const gatewayKey = path.join(opts.dataDir, 'gateway.pub.json');
  const anchorKey = path.join(opts.dataDir, 'audit-anchor.pub.json');
  fs.writeFileSync(gatewayKey, JSON.stringify(opts.security.gatewayKeyPair.publicJwk));
  fs.writeFileSync(anchorKey, JSON.stringify(opts.security.anchorKeyPair.publicJwk));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GOVGRAPH_DATA_DIR: opts.dataDir,
    [`GOVGRAPH_${envName(name)}_DB_URL`]: opts.databaseUrl,
    GOVGRAPH_SHARING_DB_URL: opts.platformUrl,
    [`GOVGRAPH_${envName(name)}_PORT`]: '0',
    GOVGRAPH_HOST: '127.0.0.1',
    GOVGRAPH_GATEWAY_PUBLIC_KEY: gatewayKey,
    GOVGRAPH_AUDIT_ANCHOR_PUBLIC_KEY: anchorKey,
    GOVGRAPH_AUDIT_KEY: opts.security.auditKeys.key.toString('base64'),
    GOVGRAPH_LOG_LEVEL: 'info',
    ...opts.env,
  };
  delete env.JEST_WORKER_ID; // its logger would be silent otherwise
  return env;
}

/** Starts `govgraph serve <name>` and resolves once it listens. */
export async function startSubgraphProcess(name: string, opts: SubgraphProcessOptions): Promise<SubgraphProcess> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join('cli', 'main.ts'), 'serve', name], {
    cwd: ROOT,
    env: environment(name, opts),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, any>> = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s: ${stderr.slice(-2000)}`)), 60_000);
    void exited.then((code) => reject(new Error(`${name} exited with ${code} before listening: ${stderr.slice(-2000)}`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: Record<string, any>;
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      logs.push(entry);
      if (typeof entry.url === 'string' && /subgraph listening/.test(String(entry.msg))) {
        clearTimeout(timer);
        resolve(entry.url);
      }
    });
  });
  return {
    url,
    child,
    logs,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
