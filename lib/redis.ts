/**
 * The Redis connection shared by every replica: subgraphs remember used credentials in it
 * (lib/identity/redisReplayStore.ts) and gateways count requests in it (lib/rateLimit/).
 *
 * Both are security checks, so the client is set up to *fail fast* rather than wait: no
 * offline queue (a command issued while disconnected is rejected at once, never held until
 * a reconnect that may come too late), no resending after a dropped connection, and a
 * command timeout for a server that accepts the connection but does not answer. Callers turn
 * a failure into a refusal (fail closed); the client keeps reconnecting in the background.
 */
import { Redis } from 'ioredis';
import type { Logger } from './log';

export type { Redis };

/** Options of {@link connectRedis}. */
export interface RedisConnectOptions {
  /** Who connects (`gateway`, `population`, …), shown in Redis's `CLIENT LIST`. */
  name: string;
  log: Logger;
  /**
   * Longest wait for a reply. Redis answers in well under a millisecond on a local network;
   * a second means it is hung, and a request should not wait longer than that for it. @default 1000
   */
  commandTimeoutMs?: number;
  /** Longest wait for the first connection before starting anyway (refusing until it connects). @default 2000 */
  startTimeoutMs?: number;
}

// Reconnect quickly after a blip, then every 2 s; never give up (the process stays up and
// reports "not ready" rather than exiting).
const retryStrategy = (times: number) => Math.min(100 * times, 2_000);

/**
 * Connects to `url` (`redis://[:password@]host:port[/db]`, `rediss://` for TLS). Resolves
 * once connected — or after `startTimeoutMs` if Redis is down, with the client still
 * trying: every check that needs it is refused until it answers.
 */
export async function connectRedis(url: string, options: RedisConnectOptions): Promise<Redis> {
  const { log } = options;
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: options.commandTimeoutMs ?? 1_000,
    connectTimeout: 2_000,
    retryStrategy,
    connectionName: `govgraph-${options.name}`,
  });
  // Log each outage once, and its end; ioredis emits an error per reconnect attempt.
  let down = false;
  client.on('error', (err: Error) => {
    if (down) return;
    down = true;
    log.error({ redis: redactedRedisUrl(url), err: { message: err.message } }, 'Redis unreachable: refusing what needs it until it answers');
  });
  client.on('ready', () => {
    if (down) log.info({ redis: redactedRedisUrl(url) }, 'Redis reachable again');
    down = false;
  });
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      resolve();
    }, options.startTimeoutMs ?? 2_000);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once('ready', onReady);
  });
  return client;
}

/** `ok` if Redis answers a PING, `timeout` if it does not in time, else `unreachable` (for /readyz). */
export async function redisState(client: Redis): Promise<'ok' | 'unreachable' | 'timeout'> {
  try {
    await client.ping();
    return 'ok';
  } catch (err) {
    return /timed out/i.test((err as Error).message) ? 'timeout' : 'unreachable';
  }
}

/** The URL with any password replaced, for logs. */
export function redactedRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable GOVGRAPH_REDIS_URL)';
  }
}
