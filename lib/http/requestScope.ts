/**
 * Express middleware that opens the request scope: one request id (taken from the caller's
 * `x-request-id` if it sent a sane one), echoed in the response and present on every log
 * line, plus one access-log line per request.
 */
import type { Request, RequestHandler } from 'express';
import { REQUEST_ID_HEADER, requestIdFrom, runInRequest, currentRequest } from '../requestContext';
import type { Logger } from '../log';

export function requestScope(log: Logger): RequestHandler {
  return (req, res, next) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // Probes and scrapes come every few seconds; they would drown the requests.
      if (req.path === '/healthz' || req.path === '/readyz' || req.path === '/metrics') return;
      log.info(
        {
          requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          operationName: operationNameOf(req),
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    runInRequest({ requestId, log }, next);
  };
}

function operationNameOf(req: Request): string | undefined {
  const body = req.body as { operationName?: unknown } | undefined;
  return typeof body?.operationName === 'string' ? body.operationName : undefined;
}

export function requestIdOf(): string {
  return currentRequest()?.requestId ?? 'none';
}
