/**
 * `me` (sharing subgraph): who the caller is and what its roles allow, through the gateway —
 * what the console shows at sign-in and uses to offer only what is allowed. Checked against
 * what the operations themselves then permit or refuse.
 */
import { sharedTestStack, type TestStack } from '../support/stack';
import { codes } from '../support/http';
import { PEOPLE } from '../support/security';
import type { Requester } from '../../lib/identity';

const ME = `{ me { user department division roles citizen platformOperator visibleDepartments decidesFor answersReportsFor readsAccessLog applies } }`;
const PS_OFFICER: Requester = { user: 'ga-aq-01', dept: 'public-security', division: '320100', roles: ['security-officer'] };
const PLATFORM: Requester = { user: 'dsj-aq-01', dept: 'big-data-center', division: '320100', roles: ['security-officer'] };
/** An officer of the platform who also speaks for two providers. */
const DELEGATE: Requester = { user: 'dsj-aq-02', dept: 'big-data-center', division: '320100', roles: ['security-officer', 'provider:market-regulation', 'provider:natural-resources'] };
const CITIZEN: Requester = { user: 'portal-01', dept: 'citizen-portal', division: '320100', roles: ['citizen-channel'], citizen: '320102198203152469' };

let stack: TestStack;
beforeAll(async () => {
  stack = await sharedTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const me = async (who: Requester) => {
  const res = await stack.queryAs(who, {}, ME);
  expect(res.errors).toBeUndefined();
  return res.data!.me;
};

it('tells a provider officer it decides for its own department and reads the access log', async () => {
  expect(await me(PS_OFFICER)).toEqual({
    user: 'ga-aq-01', department: 'public-security', division: '320100', roles: ['security-officer'], citizen: null,
    platformOperator: false, visibleDepartments: ['public-security'], decidesFor: ['public-security'], answersReportsFor: ['public-security'],
    readsAccessLog: true, applies: false,
  });
});

it('tells a consumer caseworker it applies and decides nothing', async () => {
  expect(await me(PEOPLE.caseworker)).toMatchObject({
    department: 'civil-affairs', division: '320102', roles: ['consumer'], platformOperator: false,
    visibleDepartments: ['civil-affairs'], decidesFor: [], answersReportsFor: [], readsAccessLog: false, applies: true,
  });
});

it('tells the platform officer it sees everything but decides for no provider unless it holds provider roles', async () => {
  expect(await me(PLATFORM)).toMatchObject({ platformOperator: true, visibleDepartments: null, decidesFor: [], readsAccessLog: true, applies: false });
  expect(await me(DELEGATE)).toMatchObject({ decidesFor: ['market-regulation', 'natural-resources'], answersReportsFor: ['market-regulation', 'natural-resources'] });
});

it('tells provider staff and a citizen channel what they are', async () => {
  expect(await me(PEOPLE.publicSecurity)).toMatchObject({ decidesFor: [], answersReportsFor: ['public-security'], readsAccessLog: false, applies: false });
  expect(await me(CITIZEN)).toMatchObject({ citizen: CITIZEN.citizen, readsAccessLog: false, applies: false, decidesFor: [] });
});

it('agrees with what the operations allow', async () => {
  const log = `{ accessLog(first: 1) { nextCursor } }`;
  expect(codes(await stack.queryAs(PEOPLE.caseworker, { purpose: 'audit' }, log))).toEqual(['FORBIDDEN']);
  expect((await stack.queryAs(PS_OFFICER, { purpose: 'audit' }, log)).errors).toBeUndefined();
  // Deciding for a provider `me` does not list is refused.
  const submitted = await stack.queryAs(PEOPLE.taxOfficer, {}, `mutation($input: ApplicationInput!) { submitApplication(input: $input) { id } }`, {
    input: { purpose: 'tax-audit', justification: '核对 me', fields: ['Person.phone'] },
  });
  const id = submitted.data!.submitApplication.id;
  const approve = `mutation($id: ID!) { approveApplication(id: $id, provider: "public-security") { id } }`;
  const refused = await stack.queryAs(PLATFORM, {}, approve, { id });
  expect([codes(refused), refused.errors![0].extensions!.reason]).toEqual([['FORBIDDEN'], 'ROLE_REQUIRED']);
  expect((await stack.queryAs(PS_OFFICER, {}, approve, { id })).errors).toBeUndefined();
});

it('answers no one without a token', async () => {
  const res = await stack.queryAs(null, {}, ME);
  expect(codes(res)).toEqual(['UNAUTHENTICATED']);
});

it('says when the newest access-log checkpoint was signed, beside the verify result the console shows', async () => {
  const res = await stack.queryAs(PS_OFFICER, { purpose: 'audit' }, `{ accessLogIntegrity { intact checkpoints lastCheckpointAt } }`);
  expect(res.errors).toBeUndefined();
  const row = (await stack.databases.get('sharing')!.db.knex('access_log_checkpoint').max({ at: 'at' }).first()) as { at?: Date | string | null };
  const expected = row?.at ? new Date(row.at).toISOString() : null;
  expect(res.data!.accessLogIntegrity).toMatchObject({ intact: true, lastCheckpointAt: expected });
  expect(expected === null).toBe(res.data!.accessLogIntegrity.checkpoints === 0);
});
