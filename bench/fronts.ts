/**
 * The gateways `npm run bench` puts in front of the same govgraph subgraphs, each in a process
 * of its own started as a deployment starts it — `govgraph serve gateway`, `govgraph serve
 * hive-gateway` — so that its CPU and memory are its own (bench/procstat.ts reads them by pid).
 * Every front reads the run's GOVGRAPH_DATA_DIR (the demo keys the backend's subgraphs trust)
 * and reaches the subgraphs at GOVGRAPH_<NAME>_URL (lib/config.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { envName } from '../lib/config';

const ROOT = path.join(__dirname, '..');

/** The sides `npm run bench` compares: the deployed govgraph, the hand-written limit, and the peer. */
export type Side = 'govgraph' | 'limit' | 'hive' | 'hive-rust';
export const SIDES: readonly Side[] = ['govgraph', 'limit', 'hive', 'hive-rust'];
export type FrontSide = Exclude<Side, 'limit'>;

export interface FrontSpec {
  side: FrontSide;
  /**
   * How to start it in this tree: the arguments after `node` and extra environment — or why it
   * cannot run here.
   */
  launch(): { args: string[]; env: Record<string, string>; how: string } | { missing: string };
}

const GOVGRAPH_BIN = path.join(ROOT, 'bin', 'govgraph.js');
function resolvable(pkg: string): boolean {
  try {
    require.resolve(pkg, { paths: [ROOT] });
    return true;
  } catch {
    return false;
  }
}

/**
 * A Hive front: `govgraph serve hive-gateway --planner <js|rust>` (app/hiveGateway.ts) — the
 * planner explicit, so a GOVGRAPH_HIVE_PLANNER in the caller's environment cannot swap the sides.
 */
function hiveLaunch(planner: 'js' | 'rust'): ReturnType<FrontSpec['launch']> {
  if (!resolvable('@graphql-hive/gateway')) return { missing: '@graphql-hive/gateway is not installed' };
  if (planner === 'rust' && !resolvable('@graphql-hive/router-runtime')) return { missing: "@graphql-hive/router-runtime (Hive's Rust query planner) is not installed" };
  return { args: [GOVGRAPH_BIN, 'serve', 'hive-gateway', '--planner', planner], env: {}, how: `govgraph serve hive-gateway --planner ${planner}` };
}

export const FRONTS: readonly FrontSpec[] = [
  { side: 'govgraph', launch: () => ({ args: [GOVGRAPH_BIN, 'serve', 'gateway'], env: {}, how: 'govgraph serve gateway' }) },
  { side: 'hive', launch: () => hiveLaunch('js') },
  { side: 'hive-rust', launch: () => hiveLaunch('rust') },
];

/**
 * The log level of the bench's child processes: `error` unless GOVGRAPH_LOG_LEVEL asks for
 * more than quiet.ts's `warn` (`info` measures with the request log). Their warnings are about
 * the demo keys and the in-memory stores, as expected here.
 */
export function childLogLevel(): string {
  const level = process.env.GOVGRAPH_LOG_LEVEL;
  return !level || level === 'warn' ? 'error' : level;
}

export interface RunningFront {
  side: FrontSide;
  /** How it was started, e.g. `govgraph serve gateway`. */
  how: string;
  pid: number;
  /** Its GraphQL endpoint. */
  url: string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (closed again: the front binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts one front and waits until it answers HTTP on its port (any status: the answers are
 * checked afterwards). Its log goes nowhere unless it fails to start: then its last lines are
 * in the error.
 */
export async function startFront(spec: FrontSpec, opts: { dataDir: string; subgraphUrls: Record<string, string>; timeoutMs?: number }): Promise<RunningFront> {
  const launch = spec.launch();
  if ('missing' in launch) throw new Error(launch.missing);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GOVGRAPH_DATA_DIR: opts.dataDir,
    GOVGRAPH_GATEWAY_PORT: String(port),
    GOVGRAPH_HOST: '127.0.0.1',
    // Its warnings are about the demo keys and the in-memory stores, as expected here; errors still show.
    GOVGRAPH_LOG_LEVEL: childLogLevel(),
    ...Object.fromEntries(Object.entries(opts.subgraphUrls).map(([name, url]) => [`GOVGRAPH_${envName(name)}_URL`, url])),
    ...launch.env,
  };
  // Not the bench's own flags (--expose-gc): `govgraph serve` runs as deployed, from dist/.
  delete env.NODE_OPTIONS;
  delete env.GOVGRAPH_TSX;
  const child: ChildProcess = spawn(process.execPath, launch.args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      tail.push(line);
      if (tail.length > 30) tail.shift();
    }
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code), resolve())));
  const url = `http://127.0.0.1:${port}/graphql`;
  const stop = async () => {
    if (exited !== undefined) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exit;
    clearTimeout(timer);
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
  for (;;) {
    if (exited !== undefined) throw new Error(`${spec.side} (${launch.how}) exited (${exited}) before listening:\n  ${tail.join('\n  ')}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`${spec.side} (${launch.how}) did not listen within ${(opts.timeoutMs ?? 180_000) / 1000} s:\n  ${tail.join('\n  ')}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return { side: spec.side, how: launch.how, pid: child.pid!, url, stop };
}
