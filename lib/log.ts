/**
 * Structured JSON logs (pino). Every line written while a request is being served carries
 * its `requestId`, taken from the request context, so one id follows a request from the
 * gateway through every subgraph call and SQL statement.
 */
import pino, { Logger } from 'pino';
import { currentRequest } from './requestContext';

export type { Logger };

/** @default 'info'; 'silent' in tests unless GOVGRAPH_LOG_LEVEL says otherwise. */
const level = process.env.GOVGRAPH_LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info');

export const rootLogger: Logger = pino({
  level,
  base: { service: process.env.GOVGRAPH_SERVICE ?? 'govgraph' },
  timestamp: pino.stdTimeFunctions.isoTime,
  mixin() {
    const req = currentRequest();
    return req ? { requestId: req.requestId } : {};
  },
});

export function serviceLogger(service: string): Logger {
  return rootLogger.child({ service });
}
