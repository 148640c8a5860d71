import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { RequestListener } from 'node:http';
import { errors, type HttpErrorCode } from '../errors';

export interface Listening {
  server: http.Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/**
 * Malformed HTTP — a garbled request line, headers over Node's limit, a request that never
 * finishes — never reaches Express, and Node would answer it with a bare status line. Answer
 * in the same JSON as every other refusal (lib/http/errorResponses.ts).
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  const started = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (err.code === 'ECONNRESET' || !socket.writable || started) {
    socket.destroy();
    return;
  }
  const [status, code, message]: [number, HttpErrorCode, string] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'PAYLOAD_TOO_LARGE', 'The request headers are too large.']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'BAD_REQUEST', 'The request did not arrive in time.']
        : [400, 'BAD_REQUEST', 'The HTTP request is malformed.'];
  const body = JSON.stringify({ errors: [errors.http(code, message).toJSON()] });
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Listens on `port` (0 = any free port, as tests do) on `host`. */
export async function listen(handler: RequestListener, port: number, host = '127.0.0.1'): Promise<Listening> {
  const server = http.createServer(handler);
  // Gateways keep connections alive; outlive their idle timeout so a reused socket is not
  // closed under an in-flight request (the classic keep-alive ECONNRESET race).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    server,
    port: actual,
    url: `http://${host}:${actual}`,
    close: closeGracefully(server),
  };
}

/**
 * Longest a closing server waits for the requests it is serving. @default 10 s — more than the
 * 5 s a subgraph waits for its access record (lib/audit/auditWriter.ts), so a request waiting
 * for its record still gets its answer; short enough that a stuck client never holds up a
 * shutdown for long.
 */
const CLOSE_GRACE_MS = 10_000;

/**
 * Graceful close: stop accepting connections, let the requests in flight finish (their
 * answers say `Connection: close`), then close every connection — kept-alive ones included,
 * which would otherwise hold the server open for their idle timeout.
 */
function closeGracefully(server: http.Server): () => Promise<void> {
  let active = 0;
  let closing: (() => void) | undefined;
  server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    active += 1;
    if (closing) res.shouldKeepAlive = false;
    res.once('close', () => {
      active -= 1;
      if (closing && active === 0) closing();
    });
  });
  return () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      closing = () => {
        clearTimeout(timer);
        server.closeAllConnections();
      };
      server.close(() => resolve());
      if (active === 0) closing();
      else server.closeIdleConnections();
    });
}
