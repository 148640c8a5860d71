/**
 * The CLI as a GraphQL client of a running gateway, for what must go through the API (role
 * checks, the access log of a running `npm start`): `--url` (default the local gateway) and a
 * bearer token from `--token` or GOVGRAPH_TOKEN.
 */
import { gatewayPort } from '../lib/config';

export interface GatewayTarget {
  url?: string;
  token?: string;
}

export class GatewayError extends Error {
  constructor(message: string, readonly codes: string[] = []) {
    super(message);
  }
}

/** `http://localhost:<GOVGRAPH_GATEWAY_PORT>/graphql`. */
export function defaultGatewayUrl(): string {
  return `http://localhost:${gatewayPort()}/graphql`;
}

/** Runs one operation; throws GatewayError with the errors' codes and messages if any. */
export async function callGateway<D>(target: GatewayTarget, query: string, variables: Record<string, unknown> = {}): Promise<D> {
  const token = target.token ?? process.env.GOVGRAPH_TOKEN;
  if (!token) throw new GatewayError('no token: pass --token or set GOVGRAPH_TOKEN (make one with `govgraph token`)');
  const url = target.url ?? defaultGatewayUrl();
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    throw new GatewayError(`cannot reach the gateway at ${url} (is \`npm start\` running?)`);
  }
  let body: { data?: D; errors?: Array<{ message: string; extensions?: { code?: string; reason?: string } }> };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new GatewayError(`${url} answered HTTP ${res.status} without a GraphQL response`);
  }
  if (body.errors?.length) {
    const codes = body.errors.map((e) => [e.extensions?.code, e.extensions?.reason].filter(Boolean).join('/'));
    throw new GatewayError(body.errors.map((e, i) => `${codes[i] || 'ERROR'}: ${e.message}`).join('; '), codes);
  }
  return body.data as D;
}
