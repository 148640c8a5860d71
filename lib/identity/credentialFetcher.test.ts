import { createCredentialVerifier, CREDENTIAL_HEADER } from './credential';
import { runWithCredentialSubject, withGatewayCredential } from './credentialFetcher';
import { generateKeyPairInMemory, type SigningKeyPair } from './demoKeys';

const subject = { requester: { user: 'alice', dept: 'civil-affairs', division: '320100', roles: ['consumer'], purpose: 'dibao-verification' }, requestId: 'req-9' };

type Init = { method?: string; headers?: Record<string, string>; body?: string };

let gateway: SigningKeyPair;
beforeAll(async () => {
  gateway = await generateKeyPairInMemory();
});

describe('withGatewayCredential', () => {
  it('signs the exact body each fetch sends, for the subject in scope', async () => {
    const sent: Init[] = [];
    const fetcher = withGatewayCredential(async (_url: string, init?: Init) => {
      sent.push(init!);
      return 'ok';
    }, { gatewayKey: gateway, audience: 'population' });

    const bodies = ['{"query":"{ a }"}', '{"query":"{ b }","variables":{"x":1}}'];
    await runWithCredentialSubject(subject, async () => {
      // The scope survives awaits, as in RemoteGraphQLDataSource.process → sendRequest → fetcher.
      await Promise.resolve();
      for (const body of bodies) await fetcher('http://population/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    });

    const verify = createCredentialVerifier({ gatewayPublicJwks: [gateway.publicJwk], audience: 'population' });
    expect(sent).toHaveLength(2);
    for (const [i, init] of sent.entries()) {
      expect(init.headers!['content-type']).toBe('application/json');
      await expect(verify(init.headers![CREDENTIAL_HEADER], bodies[i])).resolves.toEqual({ ...subject, requestId: 'req-9' });
    }
    // Each fetch got its own credential, bound to its own body.
    await expect(
      createCredentialVerifier({ gatewayPublicJwks: [gateway.publicJwk], audience: 'population' })(sent[0].headers![CREDENTIAL_HEADER], bodies[1]),
    ).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses to send when no identity is in scope or the body is not a string', async () => {
    const inner = jest.fn(async () => 'ok');
    const fetcher = withGatewayCredential(inner, { gatewayKey: gateway, audience: 'population' });
    await expect(fetcher('http://population/graphql', { body: '{}' })).rejects.toThrow(/no verified identity/);
    await expect(runWithCredentialSubject(subject, () => fetcher('http://population/graphql', {}))).rejects.toThrow(/must be a string/);
    expect(inner).not.toHaveBeenCalled();
  });
});
