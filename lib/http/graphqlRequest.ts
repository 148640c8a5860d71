/**
 * What a GraphQL request must look like before Apollo Server sees it, on the gateway and on
 * every subgraph: `POST`, `Content-Type: application/json` in UTF-8, uncompressed, a JSON
 * object or array within the size limit. Anything else is refused here with a JSON error
 * (lib/http/errorResponses.ts) that says what to send instead.
 *
 * Why POST only, queries included: a GET carries the operation and its variables in the
 * URL — 身份号码 and 统一社会信用代码 among them — and URLs are written to proxy and
 * load-balancer logs, browser history and Referer headers, none of which the access log
 * governs. A GET mutation is refused the same way, so no state ever changes on GET.
 */
import express, { type RequestHandler } from 'express';
import type { IncomingMessage } from 'node:http';
import { onlyMethods, sendError } from './errorResponses';

export interface GraphQLRequestOptions {
  /** Largest body accepted, as express.json reads it ('1mb', '2mb' …). */
  limit: string;
  /** Told to a client that used another method than POST. */
  methodHint: string;
  /** Sees the raw body bytes once read (a subgraph keeps them: its credential is bound to them). */
  verify?: (req: IncomingMessage, buf: Buffer) => void;
}

/** `charset=` of a Content-Type, lower-cased, without quotes; undefined when absent. */
function charsetOf(contentType: string): string | undefined {
  const m = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec(contentType);
  return m ? m[2].toLowerCase() : undefined;
}

/** Refuses anything but an application/json body in UTF-8 with 415 before it is read. */
function jsonContentOnly(): RequestHandler {
  return (req, res, next) => {
    const type = req.headers['content-type'] ?? '';
    if (type.split(';')[0].trim().toLowerCase() !== 'application/json') {
      sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the operation as Content-Type: application/json, e.g. {"query": "{ … }", "variables": {…}}.');
      return;
    }
    // RFC 8259 §8.1: JSON exchanged between systems is UTF-8. body-parser would also decode
    // UTF-16/32 — a second way to spell the same bytes that nothing here needs.
    const charset = charsetOf(type);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Only UTF-8 is accepted: send Content-Type: application/json (charset=utf-8 or none).');
      return;
    }
    next();
  };
}

/** The middleware chain to mount before Apollo Server's on `/graphql`. */
export function graphqlRequest(options: GraphQLRequestOptions): RequestHandler[] {
  return [
    onlyMethods(['POST'], options.methodHint),
    jsonContentOnly(),
    express.json({
      limit: options.limit,
      // Objects and arrays only: `null`, a number or a string is refused as malformed.
      strict: true,
      // No gzip/deflate/br: decompression costs CPU before anyone is authenticated, and a
      // subgraph's credential is bound to the bytes as sent. 415 with encoding.unsupported.
      inflate: false,
      type: () => true,
      verify: options.verify && ((req, _res, buf) => options.verify!(req, buf)),
    }),
  ];
}
