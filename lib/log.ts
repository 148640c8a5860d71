/**
 * Structured JSON logs (pino). Every line written while a request is being served carries
 * its `requestId`, taken from the request context, so one id follows a request from the
 * gateway through every subgraph call and SQL statement.
 *
 * Every line names its `service` exactly once. pino appends a child's bindings to its
 * parent's without merging keys, so `rootLogger.child({ service: 'x' })` would write `service`
 * twice; {@link serviceLogger} binds it on a base logger that binds nothing, and children
 * whose bindings repeat a key keep only the child's value ({@link dedupeBindings}).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { DestinationStream, Logger } from 'pino';
import { currentRequest } from './requestContext';

export type { Logger };

export interface LoggerOptions {
  /** @default GOVGRAPH_LOG_LEVEL, else 'info'; 'silent' in tests unless GOVGRAPH_LOG_LEVEL says otherwise */
  level?: string;
  /** Where lines go. @default stdout */
  destination?: DestinationStream;
  /** The root logger's service name. @default GOVGRAPH_SERVICE, else 'govgraph' */
  service?: string;
}

export interface Loggers {
  /** Lines about the process as a whole. */
  root: Logger;
  /** A logger for one service (a subgraph, the gateway, the grant poller …). */
  service(name: string): Logger;
}

/** A root logger and a service-logger factory writing to one destination. */
export function createLoggers(options: LoggerOptions = {}): Loggers {
  const level = options.level ?? process.env.GOVGRAPH_LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info');
  const settings: pino.LoggerOptions = {
    level,
    // No pid/hostname: one process serves several services, and the service is what tells lines apart.
    base: null,
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const req = currentRequest();
      return req ? { requestId: req.requestId } : {};
    },
    onChild: dedupeBindings,
  };
  const base = options.destination ? pino(settings, options.destination) : pino(settings);
  return {
    root: base.child({ service: options.service ?? process.env.GOVGRAPH_SERVICE ?? 'govgraph' }),
    service: (name) => base.child({ service: name }),
  };
}

const CHINDINGS = pino.symbols.chindingsSym;

/**
 * A child's bindings are kept as the JSON text pino appends to every line (`,"k":v,…`), its
 * parent's first; when the child binds a key again, keep one, with the child's value.
 * Runs once per child logger, never per line.
 */
function dedupeBindings(child: Logger): void {
  const text = (child as unknown as Record<symbol, string>)[CHINDINGS];
  if (!text) return;
  const bound = JSON.parse(`{${text.slice(1)}}`) as Record<string, unknown>;
  const once = Object.entries(bound)
    .map(([k, v]) => `,${JSON.stringify(k)}:${JSON.stringify(v)}`)
    .join('');
  if (once.length !== text.length) (child as unknown as Record<symbol, string>)[CHINDINGS] = once;
}

const loggers = createLoggers();

export const rootLogger: Logger = loggers.root;

export function serviceLogger(service: string): Logger {
  return loggers.service(service);
}

/**
 * The logger of work that runs outside any request but on behalf of one service (a
 * subgraph's background task, the grant poller), for lines that cannot be handed a logger —
 * SQL traced on a database handle several subgraphs share (lib/db/trace.ts).
 */
const workLogger = new AsyncLocalStorage<Logger>();

/** Runs `fn` — and everything it schedules — as work of the service `log` belongs to. */
export function withLogger<T>(log: Logger, fn: () => T): T {
  return workLogger.run(log, fn);
}

/** The logger of the request or background work in progress, if any. */
export function currentLogger(): Logger | undefined {
  return currentRequest()?.log ?? workLogger.getStore();
}
