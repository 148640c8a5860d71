/**
 * Gateway side of the credential: a fetch wrapper that signs every subgraph request with
 * the exact body it sends.
 *
 * Why at the fetcher: Apollo's RemoteGraphQLDataSource serialises the body *after*
 * `willSendRequest` (and twice with APQ), so the only place that sees the exact bytes is
 * the fetcher. The fetcher does not see the GraphQL context, so the client request's
 * identity reaches it through an AsyncLocalStorage scope opened around the data source's
 * `process` call ({@link runWithCredentialSubject}).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { CREDENTIAL_HEADER, signCredential, type CredentialSubject } from './credential';
import type { Signer } from '../crypto';

const subjects = new AsyncLocalStorage<CredentialSubject>();

/** Runs `fn` with `subject` as the identity every subgraph fetch inside it is signed for. */
export function runWithCredentialSubject<T>(subject: CredentialSubject, fn: () => T): T {
  return subjects.run(subject, fn);
}

/** The subject of the innermost {@link runWithCredentialSubject}, if any. */
export function currentCredentialSubject(): CredentialSubject | undefined {
  return subjects.getStore();
}

/** The part of a fetch `init` the wrapper reads and writes (Apollo's FetcherRequestInit fits). */
export interface SignableRequestInit {
  headers?: Record<string, string>;
  body?: unknown;
}

/** Options of {@link withGatewayCredential}. */
export interface GatewayCredentialOptions {
  /** The gateway's key: Ed25519, or SM2 under GOVGRAPH_CRYPTO=sm (lib/keys/keySources.ts). */
  gatewayKey: Signer;
  /** The subgraph this fetcher talks to; the credential's audience. */
  audience: string;
  /** Who the request is for. @default {@link currentCredentialSubject} */
  subject?: () => CredentialSubject | undefined;
  /** Credential lifetime. @default 30 */
  ttlSeconds?: number;
}

/**
 * Wraps a fetcher so that each call carries a fresh `x-govgraph-credential` for its exact
 * body. Fails (rather than sending an unsigned request) when there is no subject in scope
 * or the body is not a string.
 */
export function withGatewayCredential<Init extends SignableRequestInit, R>(
  fetcher: (url: string, init?: Init) => Promise<R>,
  options: GatewayCredentialOptions,
): (url: string, init?: Init) => Promise<R> {
  const subjectOf = options.subject ?? currentCredentialSubject;
  return async (url, init) => {
    const subject = subjectOf();
    if (!subject) throw new Error(`no verified identity in scope to sign the ${options.audience} request with`);
    const body = init?.body;
    if (typeof body !== 'string') throw new Error(`the ${options.audience} request body must be a string to be signed`);
    const credential = await signCredential(options.gatewayKey, {
      ...subject,
      audience: options.audience,
      body,
      ttlSeconds: options.ttlSeconds,
    });
    const signed = { ...init, headers: { ...init?.headers, [CREDENTIAL_HEADER]: credential } };
    return fetcher(url, signed as unknown as Init);
  };
}
