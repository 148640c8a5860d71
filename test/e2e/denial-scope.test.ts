/**
 * A denied field costs exactly that field (issue: one denial deep in a list used to null the
 * whole answer): fields a policy can withhold are nullable, a withheld key still joins, and
 * every error points at a path the client asked for.
 */
import { sharedTestStack, TestStack } from '../support/stack';
import { PEOPLE } from '../support/security';
import type { GraphQLResponse } from '../support/http';

let stack: TestStack;
beforeAll(async () => {
  stack = await sharedTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const HEAD = '320102198001011238'; // 李建国, 玄武区 (the flagship household's head)
/** A 江宁区 consumer: 玄武区 people lie outside its jurisdiction. */
const elsewhere = { ...PEOPLE.caseworker, user: 'mz-jn-0001', division: '320115' };

/** Every error has a path that exists in `data` (its parent holds the key): the client asked for it. */
function expectErrorsAtSelectedPaths(res: GraphQLResponse): void {
  for (const e of res.errors ?? []) {
    expect(e.path).toBeDefined();
    let node: any = res.data;
    for (const seg of e.path!.slice(0, -1)) {
      expect(node).not.toBeNull();
      node = node[seg];
    }
    expect(node).toHaveProperty([String(e.path![e.path!.length - 1])]);
    expect(node[e.path![e.path!.length - 1]]).toBeNull();
  }
}

const noSealedText = (res: GraphQLResponse) => expect(JSON.stringify(res.data)).not.toMatch(/gg:(sealed|withheld):/);

describe('a denial costs only the denied field', () => {
  it('out of jurisdiction: shareholders\' names are withheld, the companies still arrive (across legal-person and population)', async () => {
    const res = await stack.queryAs(elsewhere, { purpose: 'dibao-verification' }, `{
      legalPersons(divisionCode: "320102", first: 5) { totalCount edges { node { uscc name shareholders { subscribedCapital holder { __typename ... on Person { name } ... on LegalPerson { name } } } } } }
    }`);
    expect(res.data?.legalPersons).not.toBeNull();
    const nodes = res.data!.legalPersons.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const n of nodes) {
      expect(n.name).toEqual(expect.any(String));
      expect(n.uscc).toEqual(expect.any(String));
    }
    const persons = nodes.flatMap((n: any) => n.shareholders).filter((s: any) => s.holder.__typename === 'Person');
    const companies = nodes.flatMap((n: any) => n.shareholders).filter((s: any) => s.holder.__typename === 'LegalPerson');
    expect(persons.length).toBeGreaterThan(0);
    for (const s of persons) expect(s.holder.name).toBeNull();
    for (const s of companies) expect(s.holder.name).toEqual(expect.any(String));
    expect(res.errors).toHaveLength(persons.length);
    for (const e of res.errors!) expect(e.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_JURISDICTION' });
    expectErrorsAtSelectedPaths(res);
  });

  it('without X-Purpose: the person is still there, each personal field null with PURPOSE_REQUIRED at its own path', async () => {
    const res = await stack.queryAs(PEOPLE.caseworker, {}, `{ person(idNumber: "${HEAD}") { name gender legalRepresentativeOf { name } } }`);
    expect(res.data?.person).toEqual({ name: null, gender: null, legalRepresentativeOf: null });
    expect(res.errors?.map((e) => e.path!.join('.')).sort()).toEqual(['person.gender', 'person.legalRepresentativeOf', 'person.name']);
    for (const e of res.errors!) expect(e.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PURPOSE_REQUIRED' });
  });

  it('a withheld key is null with its reason only where the client selected it, and still joins to the next department', async () => {
    const res = await stack.queryAs(PEOPLE.caseworker, {}, `{
      person(idNumber: "${HEAD}") { idNumber }
      legalPersons(divisionCode: "320102", first: 2) { edges { node { name legalRepresentative { idNumber name } } } }
    }`);
    noSealedText(res);
    expect(res.data!.person).toEqual({ idNumber: null });
    for (const e of res.data!.legalPersons.edges) {
      expect(e.node.name).toEqual(expect.any(String));
      expect(e.node.legalRepresentative).toEqual({ idNumber: null, name: null });
    }
    const paths = res.errors!.map((e) => e.path!.join('.')).sort();
    expect(paths).toEqual([
      'legalPersons.edges.0.node.legalRepresentative.idNumber',
      'legalPersons.edges.0.node.legalRepresentative.name',
      'legalPersons.edges.1.node.legalRepresentative.idNumber',
      'legalPersons.edges.1.node.legalRepresentative.name',
      'person.idNumber',
    ]);
    for (const e of res.errors!) expect(e.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PURPOSE_REQUIRED', serviceName: expect.any(String) });
    // The representative's name was decided by population, which the withheld key still reached.
    expect(res.errors!.find((e) => e.path!.join('.').endsWith('legalRepresentative.name'))!.extensions!.serviceName).toBe('population');
  });

  it('the flagship query outside its jurisdiction and without a grant: every denial on its own field, across four subgraphs', async () => {
    const res = await stack.queryAs(PEOPLE.taxOfficer, { purpose: 'tax-audit' }, `{
      person(idNumber: "${HEAD}") {
        name phone
        residenceDivision { code name }
        household { members { relationToHead person { name } } }
        legalRepresentativeOf { name status }
        realEstateRights { certificateNo parcel { code } }
      }
      division(code: "320102") { name }
    }`);
    noSealedText(res);
    expect(res.data?.person).not.toBeNull();
    expect(res.data!.division).toEqual({ name: '玄武区' });
    const reasons = Object.fromEntries(res.errors!.map((e) => [e.path!.join('.'), e.extensions!.reason]));
    expect(reasons).toEqual({
      'person.name': 'OUT_OF_JURISDICTION',
      'person.phone': 'GRANT_REQUIRED',
      'person.residenceDivision': 'OUT_OF_JURISDICTION',
      'person.household': 'GRANT_REQUIRED',
      'person.legalRepresentativeOf': 'OUT_OF_JURISDICTION',
      'person.realEstateRights': 'GRANT_REQUIRED',
    });
    expectErrorsAtSelectedPaths(res);
  });

  it('with the grant inside its jurisdiction nothing is withheld (the flagship still answers in full)', async () => {
    const res = await stack.query(`{ person(idNumber: "${HEAD}") { idNumber name household { members { relationToHead person { name } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.person.name).toBe('李建国');
    expect(res.data!.person.household.members.length).toBeGreaterThan(1);
  });
});
