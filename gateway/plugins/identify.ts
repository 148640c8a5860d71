/**
 * Who is asking, and for what: the bearer token is verified (UNAUTHENTICATED otherwise), and
 * the `X-Purpose` / `X-Grant-Id` headers are read. Nothing reaches a subgraph without it.
 */
import type { Request } from 'express';
import { errors } from '../../lib/errors';
import type { CredentialSubject, TokenVerifier } from '../../lib/identity';

const HEADER_LIMIT = { purpose: 200, grant: 64 };

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s : undefined;
}

/** A malformed header is the client's mistake: HTTP 400 (an error thrown here is a 500 unless it says). */
function badHeader(message: string) {
  const err = errors.badUserInput(message);
  err.extensions.http = { status: 400 };
  return err;
}

export async function identify(req: Request, verifyToken: TokenVerifier, requestId: string): Promise<CredentialSubject> {
  let identity;
  try {
    identity = await verifyToken(req.headers.authorization);
  } catch (err) {
    // Status 401 for HTTP clients; the body still carries the contract's code.
    (err as { extensions: Record<string, unknown> }).extensions.http = { status: 401 };
    throw err;
  }
  const purpose = header(req, 'x-purpose');
  const grantId = header(req, 'x-grant-id');
  if (purpose && purpose.length > HEADER_LIMIT.purpose) throw badHeader(`X-Purpose is longer than ${HEADER_LIMIT.purpose} characters.`);
  if (grantId && !/^[A-Za-z0-9-]{1,64}$/.test(grantId)) throw badHeader('X-Grant-Id must be a grant id such as G-DEMO-0001.');
  return {
    requester: { ...identity, ...(purpose !== undefined ? { purpose } : {}), ...(grantId !== undefined ? { grantId } : {}) },
    requestId,
  };
}
