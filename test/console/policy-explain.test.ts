/**
 * `policyExplain` (sharing subgraph), through the gateway: the `govgraph policy explain` matrix
 * the console's 策略 page shows — for security officers only, equal to what lib/policy/explain.ts
 * (the CLI) computes for the same inputs under the policy the process enforces, with the
 * revision it was computed under; a grant the officer may not see is refused as not found.
 */
import { sharedTestStack, type TestStack } from '../support/stack';
import { codes } from '../support/http';
import { PEOPLE, DIBAO } from '../support/security';
import { SHOWCASE } from '../../lib/synthetic';
import type { Requester } from '../../lib/identity';
import { explain } from '../../lib/policy/explain';
import { readCommittedSupergraph } from '../../lib/supergraph';
import { subgraphs } from '../../subgraphs';

const PS_OFFICER: Requester = { user: 'ga-aq-01', dept: 'public-security', division: '320100', roles: ['security-officer'] };
const PLATFORM: Requester = { user: 'dsj-aq-01', dept: 'big-data-center', division: '320100', roles: ['security-officer'] };
/** A security officer of a department the demo grant neither goes to nor names a field of. */
const OTHER_OFFICER: Requester = { user: 'sw-aq-01', dept: 'tax', division: '320100', roles: ['security-officer'] };

const EXPLAIN = `query Explain($department: String!, $grantId: ID, $division: ID, $consumerDivision: ID, $purpose: String, $asOf: DateTime) {
  policyExplain(department: $department, grantId: $grantId, division: $division, consumerDivision: $consumerDivision, purpose: $purpose, asOf: $asOf) {
    department consumerDivision recordDivision purpose purposeSource grantId grantState grantDetail policyRevision asOf
    fields { path provider sharing personal view servedBy }
  }
}`;

let stack: TestStack;
beforeAll(async () => {
  stack = await sharedTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const departments = Object.fromEntries(subgraphs.map((s) => [s.name, s.department]));
const asOf = '2026-06-01T04:00:00.000Z';

/** What the CLI computes for the same inputs, under the policy the stack enforces. */
function cli(opts: { dept: string; grantId?: string; division?: string; consumerDivision?: string; purpose?: string; now?: string }) {
  return explain({ supergraphSdl: readCommittedSupergraph(), policy: stack.security.policy.current, departments, ...opts, now: new Date(opts.now ?? asOf) });
}

const view = (fields: Array<{ path: string; view: string }>, path: string) => fields.find((f) => f.path === path)?.view;

it('shows an officer what civil-affairs sees under the demo grant, as the CLI computes it', async () => {
  const res = await stack.queryAs(PS_OFFICER, {}, EXPLAIN, { department: 'civil-affairs', grantId: DIBAO.grantId, division: '320102', consumerDivision: '320102', asOf });
  expect(res.errors).toBeUndefined();
  const got = res.data!.policyExplain;
  const expected = cli({ dept: 'civil-affairs', grantId: DIBAO.grantId, division: '320102', consumerDivision: '320102' });
  expect(got.fields).toEqual(expected.rows);
  expect(got).toMatchObject({
    department: 'civil-affairs', consumerDivision: '320102', recordDivision: '320102', purpose: DIBAO.purpose, purposeSource: 'grant',
    grantId: DIBAO.grantId, grantState: expected.header.grantState, grantDetail: expected.header.grantDetail,
    policyRevision: stack.security.policy.current.revision, asOf,
  });
  // What the grant is for: the phone, masked; the consumer's own query agrees.
  expect(view(got.fields, 'Person.phone')).toBe('masked(phone)');
  expect(view(got.fields, 'Person.name')).toBe('full');
  const read = await stack.queryAs(PEOPLE.caseworker, DIBAO, `query($id: ID!) { person(idNumber: $id) { name phone } }`, { id: SHOWCASE.head });
  expect(read.data!.person.phone).toBe('138****0001');
});

it('equals the CLI without a grant, out of jurisdiction, for a wrong purpose, and after the grant ends', async () => {
  const cases = [
    { department: 'civil-affairs' },
    { department: 'tax', purpose: 'tax-audit' },
    { department: 'civil-affairs', grantId: DIBAO.grantId, division: '320500', consumerDivision: '320102' },
    { department: 'civil-affairs', grantId: DIBAO.grantId, purpose: 'tax-audit' },
    { department: 'civil-affairs', grantId: DIBAO.grantId, consumerDivision: '320102', asOf: '2028-01-02T00:00:00.000Z' },
  ];
  for (const c of cases as Array<{ department: string; grantId?: string; division?: string; consumerDivision?: string; purpose?: string; asOf?: string }>) {
    const res = await stack.queryAs(PLATFORM, {}, EXPLAIN, { asOf, ...c });
    expect(res.errors).toBeUndefined();
    const expected = cli({ dept: c.department, grantId: c.grantId, division: c.division, consumerDivision: c.consumerDivision, purpose: c.purpose, now: c.asOf });
    expect(res.data!.policyExplain.fields).toEqual(expected.rows);
    expect(res.data!.policyExplain.grantState).toBe(expected.header.grantState);
  }
  // Different inputs do give different answers here (so the comparison above can fail).
  const without = cli({ dept: 'civil-affairs' }).rows;
  const withGrant = cli({ dept: 'civil-affairs', grantId: DIBAO.grantId, division: '320102', consumerDivision: '320102' }).rows;
  expect(view(without, 'Person.phone')).toMatch(/^denied\(/);
  expect(view(withGrant, 'Person.phone')).toBe('masked(phone)');
  expect(cli({ dept: 'civil-affairs', grantId: DIBAO.grantId, consumerDivision: '320102', now: '2028-01-02T00:00:00.000Z' }).header.grantState).toBe('expired');
});

it('is for security officers only', async () => {
  for (const who of [PEOPLE.caseworker, PEOPLE.publicSecurity]) {
    const res = await stack.queryAs(who, {}, EXPLAIN, { department: 'civil-affairs' });
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.errors![0].extensions!.reason).toBe('ROLE_REQUIRED');
    expect(res.data?.policyExplain ?? null).toBeNull();
  }
  expect(codes(await stack.queryAs(null, {}, EXPLAIN, { department: 'civil-affairs' }))).toEqual(['UNAUTHENTICATED']);
});

it('refuses a grant the officer may not see exactly as one that does not exist', async () => {
  const hidden = await stack.queryAs(OTHER_OFFICER, {}, EXPLAIN, { department: 'civil-affairs', grantId: DIBAO.grantId });
  const unknown = await stack.queryAs(OTHER_OFFICER, {}, EXPLAIN, { department: 'civil-affairs', grantId: 'G-NO-SUCH-GRANT' });
  expect(codes(hidden)).toEqual(['NOT_FOUND']);
  expect(codes(unknown)).toEqual(['NOT_FOUND']);
  expect(hidden.errors![0].message.replace(DIBAO.grantId, 'X')).toBe(unknown.errors![0].message.replace('G-NO-SUCH-GRANT', 'X'));
  // Without the grant the officer gets the matrix.
  expect((await stack.queryAs(OTHER_OFFICER, {}, EXPLAIN, { department: 'civil-affairs' })).errors).toBeUndefined();
});

it('refuses bad arguments with BAD_USER_INPUT naming the argument', async () => {
  const bad = [
    [{ department: 'Civil Affairs' }, 'department'],
    [{ department: 'civil-affairs', division: '32010' }, 'division'],
    [{ department: 'civil-affairs', consumerDivision: 'abc' }, 'consumerDivision'],
    [{ department: 'civil-affairs', purpose: 'x'.repeat(201) }, 'purpose'],
  ] as const;
  for (const [args, argument] of bad) {
    const res = await stack.queryAs(PLATFORM, {}, EXPLAIN, args);
    expect([codes(res), res.errors![0].extensions!.argumentName]).toEqual([['BAD_USER_INPUT'], argument]);
  }
});
