/**
 * End to end through the gateway, in process: the flagship query across all three
 * departments, the HTTP surface (GraphiQL, health, request ids) and error behaviour.
 */
import { sharedTestStack, TestStack } from '../support/stack';
import { codes, postGraphQL } from '../support/http';
import { SHOWCASE } from '../../lib/synthetic';
import { createGatewayServer } from '../../gateway/server';
import { readCommittedSupergraph } from '../../lib/supergraph';
import { listen } from '../../lib/http/listen';
import { PEOPLE, DIBAO } from '../support/security';
import { flagshipQuery } from '../support/queries';

const FLAGSHIP = flagshipQuery('Flagship');

let stack: TestStack;
beforeAll(async () => {
  stack = await sharedTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('the flagship query (最低生活保障家庭经济状况核对)', () => {
  it('returns the household, its businesses and its real estate in one request', async () => {
    const res = await stack.query(FLAGSHIP, { id: SHOWCASE.head });
    expect(res.errors).toBeUndefined();
    const members = res.data!.person.household.members;
    const byId = Object.fromEntries(members.map((m: any) => [m.person.idNumber, m]));
    expect(Object.keys(byId).sort()).toEqual([SHOWCASE.head, SHOWCASE.spouse, SHOWCASE.child].sort());
    expect(byId[SHOWCASE.head].relationToHead).toBe('户主');
    expect(byId[SHOWCASE.spouse].relationToHead).toBe('配偶');

    const head = byId[SHOWCASE.head].person;
    expect(head.legalRepresentativeOf.map((c: any) => c.uscc)).toContain(SHOWCASE.company);
    expect(head.shareholdings.map((s: any) => s.company.uscc)).toContain(SHOWCASE.heldCompany);
    expect(head.realEstateRights).toHaveLength(1);
    expect(head.realEstateRights[0].certificateNo).toBe(SHOWCASE.headCertificate);
    expect(head.realEstateRights[0].encumbrances.map((e: any) => e.kind)).toEqual(['查封']);

    const spouse = byId[SHOWCASE.spouse].person;
    expect(spouse.realEstateRights).toHaveLength(1);
    const right = spouse.realEstateRights[0];
    expect(right.certificateNo).toBe(SHOWCASE.spouseCertificate);
    expect(right.parcel.code).toBe(SHOWCASE.spouseParcel);
    expect(right.parcel.division.code.startsWith('320102')).toBe(true);
    expect(right.parcel.division.name).toMatch(/街道$/);
    expect(right.encumbrances.map((e: any) => e.kind)).toEqual(['抵押']);

    const child = byId[SHOWCASE.child].person;
    expect(child.legalRepresentativeOf).toEqual([]);
    expect(child.realEstateRights).toEqual([]);
  });

  it('resolves every entity type across subgraphs', async () => {
    const res = await stack.query(`{
      legalPerson(uscc: "${SHOWCASE.company}") {
        name legalRepresentative { name household { number } }
        division { code name parent { code } }
        shareholders { holder { __typename ... on Person { name } ... on LegalPerson { name } } }
      }
      household(number: "${SHOWCASE.householdNumber}") { number members { person { name residenceDivision { name } } } }
      parcel(code: "${SHOWCASE.headParcel}") { code rights { holder { __typename ... on Person { name idNumber } } } }
      division(code: "320102") { name children { code } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.legalPerson.legalRepresentative.name).toBe('李建国');
    expect(res.data!.legalPerson.legalRepresentative.household.number).toBe(SHOWCASE.householdNumber);
    expect(res.data!.legalPerson.division).toMatchObject({ code: '320102', name: '玄武区', parent: { code: '320100' } });
    expect(res.data!.legalPerson.shareholders[0].holder).toEqual({ __typename: 'Person', name: '王秀英' });
    expect(res.data!.household.members[0].person.residenceDivision.name).toBe('玄武区');
    // The registry knows the holder only by reference, so it cannot check the person's
    // jurisdiction: the 身份号码 leaves masked, yet the join to population still works.
    expect(res.data!.parcel.rights[0].holder).toEqual({ __typename: 'Person', name: '李建国', idNumber: '320102********1238' });
    expect(res.data!.division.children.length).toBeGreaterThan(3);
  });
});

describe('errors through the gateway', () => {
  it('rejects a bad 身份号码 with BAD_USER_INPUT, naming the subgraph', async () => {
    const res = await stack.query('{ person(idNumber: "320102198001011239") { name } }');
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].extensions!.serviceName).toBe('population');
  });

  it('answers a down department with DOWNSTREAM_SERVICE_ERROR and still returns the rest', async () => {
    const gateway = await createGatewayServer({
      supergraphSdl: readCommittedSupergraph(),
      subgraphUrls: { ...stack.subgraphUrls, geospatial: 'http://127.0.0.1:9/graphql' },
      security: stack.security,
    });
    const http = await listen(gateway.app, 0);
    try {
      const res = await postGraphQL(http.url, `{ person(idNumber: "${SHOWCASE.head}") { name realEstateRights { certificateNo } } }`, undefined, await stack.security.headers(PEOPLE.caseworker, DIBAO));
      expect(codes(res)).toContain('DOWNSTREAM_SERVICE_ERROR');
      expect(res.errors!.find((e) => e.extensions?.code === 'DOWNSTREAM_SERVICE_ERROR')!.extensions!.serviceName).toBe('geospatial');
      expect(JSON.stringify(res.errors)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1:9/);
    } finally {
      await http.close();
      await gateway.stop();
    }
  });

  it('masks a database failure: no SQL, no stack, a log id and the department', async () => {
    const geo = stack.databases.get('geospatial')!.db.knex;
    await geo.raw('ALTER TABLE "BDC_TXQL" RENAME TO "BDC_TXQL_AWAY"');
    try {
      const res = await stack.query(`{
        person(idNumber: "${SHOWCASE.spouse}") { name }
        parcel(code: "${SHOWCASE.spouseParcel}") { code rights { encumbrances { kind } } }
      }`);
      expect(res.data?.person?.name).toBe('王秀英');
      expect(res.data?.parcel).toEqual({ code: SHOWCASE.spouseParcel, rights: [{ encumbrances: null }] });
      const err = res.errors!.find((e) => e.extensions?.code === 'DOWNSTREAM_SERVICE_ERROR')!;
      expect(err.extensions).toMatchObject({ serviceName: 'geospatial' });
      expect(typeof err.extensions!.logId).toBe('string');
      expect(JSON.stringify(res.errors)).not.toMatch(/BDC_TXQL|relation|select|stack/i);
    } finally {
      await geo.raw('ALTER TABLE "BDC_TXQL_AWAY" RENAME TO "BDC_TXQL"');
    }
  });
});

describe('HTTP surface', () => {
  it('serves GraphiQL and its assets from local files', async () => {
    const page = await fetch(`${stack.gatewayUrl}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/assets/graphiql.min.js');
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of ['graphiql.min.js', 'graphiql.min.css', 'react.production.min.js', 'react-dom.production.min.js', 'govgraph-graphiql.js']) {
      const res = await fetch(`${stack.gatewayUrl}/assets/${asset}`);
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    expect((await fetch(`${stack.gatewayUrl}/assets/..%2Fpackage.json`)).status).toBe(404);
  });

  it('has /healthz and /readyz on the gateway and every subgraph', async () => {
    for (const base of [stack.gatewayUrl, ...Object.values(stack.subgraphUrls).map((u) => u.replace(/\/graphql$/, ''))]) {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
    }
    const body = (await (await fetch(`${stack.gatewayUrl}/readyz`)).json()) as { checks: Record<string, string> };
    expect(Object.keys(body.checks).sort()).toEqual(['geospatial', 'legal-person', 'population', 'sharing', 'social-security']);
  });

  it('marks every GraphQL answer Cache-Control: no-store — data, errors, refusals — at the gateway and at every subgraph', async () => {
    // Answers carry personal data: no shared cache or browser may keep them (gateway/server.ts and lib/subgraph/server.ts set it).
    const answers = [
      await stack.query('{ person(idNumber: "320102198001011238") { name phone } }'),
      await stack.query('{ person(idNumber: "not-an-id") { name } }'),
      await postGraphQL(`${stack.gatewayUrl}/graphql`, '{ division(code: "320100") { name } }'),
      ...(await Promise.all(Object.values(stack.subgraphUrls).map((url) => postGraphQL(url, '{ __typename }')))),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 401, ...Object.keys(stack.subgraphUrls).map(() => 401)]);
    expect(answers.map((a) => a.headers.get('cache-control'))).toEqual(answers.map(() => 'no-store'));
  });

  it('echoes a request id, or makes one', async () => {
    const mine = await stack.query('{ division(code: "320100") { name } }', undefined, { 'x-request-id': 'e2e-request-0001' });
    expect(mine.headers.get('x-request-id')).toBe('e2e-request-0001');
    const made = await stack.query('{ division(code: "320100") { name } }');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
