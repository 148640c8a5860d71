/**
 * One error surface for every process, gateway and subgraphs alike: whatever fails outside
 * GraphQL — the body parser, the size limit, a charset or content encoding, routing, a
 * method, an error thrown by any middleware — the client gets a GraphQL-shaped JSON body
 * (`{ "errors": [{ "message", "extensions": { "code" } }] }`) with a code from lib/errors.ts
 * and the matching HTTP status. Never Express's default page, which is HTML and, unless
 * NODE_ENV=production, shows the stack with absolute file paths — before authentication.
 *
 * Messages are written here, never copied from the error: a parser's or the file system's
 * message can carry a path, a host name or a fragment of the attacker's input.
 */
import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, Express, RequestHandler, Response } from 'express';
import { errors, type HttpErrorCode } from '../errors';
import type { Logger } from '../log';

/** Writes one JSON error response. */
export function sendError(res: Response, status: number, code: HttpErrorCode, message: string, headers: Record<string, string> = {}): void {
  res.status(status).set(headers).json({ errors: [errors.http(code, message).toJSON()] });
}

/** Answers every method but `allowed` with 405 and an `Allow` header; `hint` says what to send instead. */
export function onlyMethods(allowed: string[], hint: string): RequestHandler {
  const allow = allowed.join(', ');
  return (req, res, next) => {
    if (allowed.includes(req.method)) return next();
    sendError(res, 405, 'METHOD_NOT_ALLOWED', `Only ${allow} is accepted here. ${hint}`, { allow });
  };
}

/** The last route: every path nothing else answered. */
export function pathNotFound(): RequestHandler {
  return (_req, res) => {
    sendError(res, 404, 'PATH_NOT_FOUND', 'No such path. GraphQL is POST /graphql; /healthz and /readyz report health.');
  };
}

/** What a failed request becomes: status, code and a message of our own. */
interface Refusal {
  status: number;
  code: HttpErrorCode;
  message: string;
}

/**
 * body-parser (express.json) marks its errors with a `type`; every other middleware error
 * that carries a 4xx `status` (http-errors) is a refusal of the request too.
 */
function refusalFor(err: { type?: unknown; status?: unknown; statusCode?: unknown; limit?: unknown }): Refusal | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return { status: 400, code: 'BAD_REQUEST', message: 'The request body is not a JSON object. Send {"query": "…", "variables": {…}} as application/json.' };
    case 'entity.too.large':
      return {
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: typeof err.limit === 'number' ? `The request body is larger than ${err.limit} bytes.` : 'The request body is too large.',
      };
    case 'encoding.unsupported':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Content-Encoding is not accepted: send the body uncompressed.' };
    case 'charset.unsupported':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Only UTF-8 is accepted: send Content-Type: application/json (charset=utf-8 or none).' };
    case 'request.aborted':
    case 'request.size.invalid':
      return { status: 400, code: 'BAD_REQUEST', message: 'The request body did not arrive whole (aborted, or not as long as Content-Length says).' };
  }
  const status = typeof err.status === 'number' ? err.status : typeof err.statusCode === 'number' ? err.statusCode : undefined;
  if (status === undefined || status < 400 || status >= 500) return undefined;
  switch (status) {
    case 404:
      return { status, code: 'PATH_NOT_FOUND', message: 'No such path.' };
    case 405:
      return { status, code: 'METHOD_NOT_ALLOWED', message: 'This method is not accepted here.' };
    case 413:
      return { status, code: 'PAYLOAD_TOO_LARGE', message: 'The request is too large.' };
    case 415:
      return { status, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send Content-Type: application/json in UTF-8, uncompressed.' };
    default:
      return { status, code: 'BAD_REQUEST', message: 'The request is malformed.' };
  }
}

/**
 * The last middleware: turns any error passed down the chain into a JSON answer. Refusals
 * of the request keep their 4xx status; anything else is INTERNAL_SERVER_ERROR with a log
 * id, and the real cause goes to the log only.
 */
export function jsonErrors(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) {
      // Too late for a status: end the connection so the client sees a broken response
      // rather than a truncated one that parses.
      log.error({ err, path: req.path }, 'error after the response started');
      req.socket.destroy();
      return;
    }
    const refusal = refusalFor((err ?? {}) as Record<string, unknown>);
    if (refusal) {
      log.info({ path: req.path, status: refusal.status, code: refusal.code, reason: (err as { type?: string }).type }, 'request refused');
      sendError(res, refusal.status, refusal.code, refusal.message);
      return;
    }
    const logId = randomUUID();
    log.error({ logId, err, path: req.path }, 'unexpected error masked');
    res.status(500).json({ errors: [errors.internal(logId).toJSON()] });
  };
}

/**
 * Mounts the 404 route and the error handler; call it after every other route, so it
 * answers what they do not.
 */
export function mountErrorHandlers(app: Express, log: Logger): void {
  app.use(pathNotFound());
  app.use(jsonErrors(log));
}
