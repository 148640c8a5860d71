/**
 * The trust chain as the gateway and subgraphs wire it: Apollo's RemoteGraphQLDataSource
 * with a credential-signing fetcher on one side, an Express app that captures the raw body
 * and verifies the credential before GraphQL runs on the other. This is the reference for
 * gateway/datasource.ts and lib/subgraph/server.ts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { GraphQLError } from 'graphql';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { createCredentialVerifier, CREDENTIAL_HEADER, type CredentialSubject } from './credential';
import { runWithCredentialSubject, withGatewayCredential } from './credentialFetcher';
import { generateKeyPairInMemory, type SigningKeyPair } from './demoKeys';

const identity = { user: 'alice', dept: 'civil-affairs', division: '320100', roles: ['consumer'] };

let gatewayKey: SigningKeyPair;
let server: http.Server;
let url: string;
const seen: CredentialSubject[] = [];
const captured: { body: string; credential: string }[] = [];

beforeAll(async () => {
  gatewayKey = await generateKeyPairInMemory();
  const verifyCredential = createCredentialVerifier({ gatewayPublicJwks: [gatewayKey.publicJwk], audience: 'population' });

  const app = express();
  app.use(
    '/graphql',
    // express.json consumes the stream; keep the exact bytes for the body hash.
    express.json({ verify: (req, _res, buf) => { (req as unknown as { rawBody: string }).rawBody = buf.toString('utf8'); } }),
    async (req, res, next) => {
      const rawBody = (req as unknown as { rawBody?: string }).rawBody;
      const credential = req.headers[CREDENTIAL_HEADER];
      try {
        seen.push(await verifyCredential(credential, rawBody));
        if (typeof credential === 'string' && rawBody) captured.push({ body: rawBody, credential });
        next();
      } catch (err) {
        if (!(err instanceof GraphQLError)) return next(err);
        res.status(401).json({ errors: [{ message: err.message, extensions: err.extensions }] });
      }
    },
    (_req, res) => {
      res.json({ data: { hello: 'world' } });
    },
  );
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Ctx { requester: typeof identity & { purpose?: string }; requestId: string }

class SigningDataSource extends RemoteGraphQLDataSource<Ctx> {
  constructor(serviceName: string, url: string, key: SigningKeyPair) {
    super({ url, fetcher: withGatewayCredential(globalThis.fetch as unknown as Fetcher, { gatewayKey: key, audience: serviceName }) });
  }
  override process(options: GraphQLDataSourceProcessOptions<Ctx>) {
    const { requester, requestId } = options.context;
    return runWithCredentialSubject({ requester, requestId }, () => super.process(options));
  }
}

function processOptions(requestId: string) {
  return {
    kind: 'HEALTH_CHECK',
    request: { query: '{ hello }', variables: { a: 'é' } },
    context: { requester: { ...identity, purpose: 'dibao-verification' }, requestId },
  } as unknown as GraphQLDataSourceProcessOptions<Ctx>;
}

describe('gateway → subgraph trust chain through Apollo and Express', () => {
  it('a signed subgraph fetch is accepted and carries the identity', async () => {
    const dataSource = new SigningDataSource('population', url, gatewayKey);
    const response = await dataSource.process(processOptions('req-1'));
    expect(response.data).toEqual({ hello: 'world' });
    expect(seen.at(-1)).toEqual({ requester: { ...identity, purpose: 'dibao-verification' }, requestId: 'req-1' });
  });

  it('a direct call without credential, a replay, and a credential for another subgraph are refused', async () => {
    const direct = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ hello }"}' });
    expect(direct.status).toBe(401);
    expect(((await direct.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const { body, credential } = captured.at(-1)!;
    const replay = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [CREDENTIAL_HEADER]: credential }, body });
    expect(replay.status).toBe(401);

    const wrongSubgraph = new SigningDataSource('geospatial', url, gatewayKey);
    await expect(wrongSubgraph.process(processOptions('req-2'))).rejects.toThrow(/401/);

    const impostor = new SigningDataSource('population', url, await generateKeyPairInMemory());
    await expect(impostor.process(processOptions('req-3'))).rejects.toThrow(/401/);
  });
});
