/**
 * Policy changes with four eyes, through the gateway on a copy of policies/: a provider's
 * officer previews and proposes, nothing changes until a second officer approves, the file
 * is then rewritten line for line (comments kept) and a consumer's next answer follows; the
 * proposer cannot approve their own change, other departments cannot decide on it, an edit
 * made meanwhile is never overwritten, and every change is on record with its revisions.
 * Codes and data are asserted, never message text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startTestStack, TestStack } from '../support/stack';
import { codes } from '../support/http';
import { copyPolicies, PolicyDirCopy } from '../support/policyDir';
import { PEOPLE } from '../support/security';
import { testWorld } from '../support/databases';
import type { Requester } from '../../lib/identity';

const PS_OFFICER: Requester = { user: 'ga-aq-0001', dept: 'public-security', division: '320100', roles: ['security-officer'] };
const PS_OFFICER_2: Requester = { user: 'ga-aq-0002', dept: 'public-security', division: '320100', roles: ['security-officer'] };
const MR_OFFICER: Requester = { user: 'sj-aq-0001', dept: 'market-regulation', division: '320100', roles: ['security-officer'] };
const PLATFORM_OFFICER: Requester = { user: 'dsj-aq-0001', dept: 'big-data-center', division: '320100', roles: ['security-officer'] };
const TAX = PEOPLE.taxOfficer;

/** A 江宁区 resident of the test world (the tax officer's jurisdiction). */
const RESIDENT = testWorld().persons.find((p) => p.divisionCode === '320115' && !p.deceased)!;
const MARITAL = `query Marital($id: ID!) { person(idNumber: $id) { idNumber maritalStatus } }`;

const CHANGE = `id provider file status reason proposedBy proposedByDepartment proposedAt baseRevision
  decidedBy decidedByDepartment decidedAt decisionNote beforeRevision afterRevision beforeYaml afterYaml
  fields { path before { sharing personal mask legalBasis } after { sharing personal mask legalBasis } }
  effect { consumer grantId path before after direction }`;
const PREVIEW = `query Preview($input: PolicyChangeInput!) { previewPolicyChange(input: $input) {
  provider file problems beforeRevision afterRevision beforeYaml afterYaml
  fields { path before { sharing } after { sharing } } effect { consumer grantId path before after direction } } }`;
const PROPOSE = `mutation Propose($input: PolicyChangeInput!) { proposePolicyChange(input: $input) { ${CHANGE} } }`;
const APPROVE = `mutation Approve($id: ID!, $note: String) { approvePolicyChange(id: $id, note: $note) { ${CHANGE} } }`;
const REJECT = `mutation Reject($id: ID!, $reason: String!) { rejectPolicyChange(id: $id, reason: $reason) { ${CHANGE} } }`;
const WITHDRAW = `mutation Withdraw($id: ID!, $reason: String) { withdrawPolicyChange(id: $id, reason: $reason) { ${CHANGE} } }`;
const CHANGES = `query Changes($status: PolicyChangeStatus) { policyChanges(status: $status) { id provider status } }`;
const ONE = `query One($id: ID!) { policyChange(id: $id) { id status } }`;

/** 婚姻状况 from conditional to unconditional: every consumer may read it without a grant. */
const OPEN_MARITAL = { provider: 'public-security', reason: '婚姻登记信息已按新规列入无条件共享目录', changes: [{ path: 'Person.maritalStatus', sharing: 'UNCONDITIONAL' }] };

let policies: PolicyDirCopy;
let stack: TestStack;
const file = () => fs.readFileSync(path.join(policies.dir, 'public-security.yaml'), 'utf8');

beforeAll(async () => {
  policies = copyPolicies();
  stack = await startTestStack(policies.dir);
});
afterAll(async () => {
  await stack?.stop();
  policies?.remove();
});

const as = (who: Requester, query: string, variables?: Record<string, unknown>) => stack.queryAs(who, {}, query, variables);
const taxReadsMarital = () => stack.queryAs(TAX, { purpose: 'tax-audit' }, MARITAL, { id: RESIDENT.idNumber });

async function eventually<T>(probe: () => Promise<T>, ok: (t: T) => boolean, ms = 3000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const t = await probe();
    if (ok(t) || Date.now() > until) return t;
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a preview shows the diff of the file, who gains which field, and writes nothing', async () => {
  const before = file();
  const res = await as(PS_OFFICER, PREVIEW, { input: OPEN_MARITAL });
  expect(res.errors).toBeUndefined();
  const p = res.data!.previewPolicyChange;
  expect(p).toMatchObject({ provider: 'public-security', file: 'public-security.yaml', problems: [], fields: [{ path: 'Person.maritalStatus', before: { sharing: 'CONDITIONAL' }, after: { sharing: 'UNCONDITIONAL' } }] });
  // Consumers without a grant gain it; the demo grant already opened it to civil affairs, so no row for it.
  expect(p.effect).toEqual([{ consumer: null, grantId: null, path: 'Person.maritalStatus', before: 'denied(GRANT_REQUIRED)', after: 'full', direction: 'GAIN' }]);
  expect(p.afterRevision).not.toBe(p.beforeRevision);
  // One line differs, the rest of the file (comments included) is as it was.
  const a = p.beforeYaml.split('\n');
  const b = p.afterYaml.split('\n');
  expect(b).toHaveLength(a.length);
  const changed = a.map((line: string, i: number) => [line, b[i]]).filter(([x, y]: string[]) => x !== y);
  expect(changed).toEqual([[expect.stringContaining('maritalStatus: { sharing: conditional'), expect.stringContaining('maritalStatus: { sharing: unconditional')]]);
  expect(p.beforeYaml).toBe(before);
  expect(file()).toBe(before);
});

test('a change that would make the policy invalid is shown with policy check’s problems and cannot be proposed', async () => {
  // A not-shared item needs its legal basis.
  const bare = { provider: 'public-security', reason: '测试', changes: [{ path: 'Person.phone', sharing: 'NOT_SHARED' }] };
  const first = await as(PS_OFFICER, PREVIEW, { input: bare });
  expect(first.errors).toBeUndefined();
  expect(first.data!.previewPolicyChange.problems).toEqual([expect.stringContaining('legalBasis')]);
  expect(first.data!.previewPolicyChange.afterRevision).toBeNull();
  // With one, the demo grant G-DEMO-0001 that opens Person.phone would be invalid: policy check says so, and the grant loses it.
  const input = { ...bare, changes: [{ path: 'Person.phone', sharing: 'NOT_SHARED', legalBasis: '依《某某条例》第十条，联系电话仅限本部门使用。' }] };
  const preview = await as(PS_OFFICER, PREVIEW, { input });
  expect(preview.errors).toBeUndefined();
  expect(preview.data!.previewPolicyChange.problems).toEqual([expect.stringMatching(/G-DEMO-0001.*Person\.phone.*not-shared/)]);
  expect(preview.data!.previewPolicyChange.effect).toContainEqual({ consumer: 'civil-affairs', grantId: 'G-DEMO-0001', path: 'Person.phone', before: 'masked(phone)', after: 'denied(NOT_SHARED)', direction: 'LOSS' });
  expect(codes(await as(PS_OFFICER, PROPOSE, { input }))).toEqual(['BAD_USER_INPUT']);
  expect(codes(await as(PS_OFFICER, PROPOSE, { input: bare }))).toEqual(['BAD_USER_INPUT']);
});

test('only a provider’s own officer proposes, only for its own fields', async () => {
  expect(codes(await as(TAX, PROPOSE, { input: OPEN_MARITAL }))).toEqual(['FORBIDDEN']);
  expect(codes(await as(MR_OFFICER, PROPOSE, { input: OPEN_MARITAL }))).toEqual(['FORBIDDEN']);
  const foreign = { ...OPEN_MARITAL, changes: [{ path: 'LegalPerson.registeredCapital', sharing: 'CONDITIONAL' }] };
  expect(codes(await as(PS_OFFICER, PROPOSE, { input: foreign }))).toEqual(['BAD_USER_INPUT']);
  const nothing = { ...OPEN_MARITAL, changes: [{ path: 'Person.maritalStatus', sharing: 'CONDITIONAL' }] };
  expect(codes(await as(PS_OFFICER, PROPOSE, { input: nothing }))).toEqual(['BAD_USER_INPUT']);
  expect(codes(await as(PS_OFFICER, PROPOSE, { input: { ...OPEN_MARITAL, reason: '  ' } }))).toEqual(['BAD_USER_INPUT']);
});

test('four eyes: proposed changes nothing; the proposer cannot approve; a second officer applies it and consumers see it', async () => {
  const before = file();
  const denied = await taxReadsMarital();
  expect(denied.data?.person?.maritalStatus).toBeNull();
  expect(denied.errors?.[0]?.extensions?.reason).toBe('GRANT_REQUIRED');

  const proposed = await as(PS_OFFICER, PROPOSE, { input: OPEN_MARITAL });
  expect(proposed.errors).toBeUndefined();
  const change = proposed.data!.proposePolicyChange;
  expect(change).toMatchObject({ status: 'PROPOSED', provider: 'public-security', proposedBy: PS_OFFICER.user, proposedByDepartment: 'public-security', decidedBy: null, afterRevision: null });
  expect(change.id).toMatch(/^PC-\d{4}-\d{6}$/);
  expect(file()).toBe(before);

  // The proposer, another department's officer and a consumer are refused; nothing is written.
  for (const who of [PS_OFFICER, MR_OFFICER, TAX]) expect(codes(await as(who, APPROVE, { id: change.id }))).toEqual(['FORBIDDEN']);
  expect(codes(await as(PS_OFFICER, REJECT, { id: change.id, reason: '自己驳回' }))).toEqual(['FORBIDDEN']);
  expect(file()).toBe(before);
  expect((await taxReadsMarital()).data?.person?.maritalStatus).toBeNull();

  const approved = await as(PS_OFFICER_2, APPROVE, { id: change.id, note: '复核同意' });
  expect(approved.errors).toBeUndefined();
  const done = approved.data!.approvePolicyChange;
  expect(done).toMatchObject({ status: 'APPLIED', decidedBy: PS_OFFICER_2.user, decidedByDepartment: 'public-security', decisionNote: '复核同意', beforeRevision: change.baseRevision });
  expect(done.afterRevision).toMatch(/^[0-9a-f]{16}$/);
  expect(done.afterRevision).not.toBe(done.beforeRevision);
  // The file holds exactly what was approved: a faithful export for git.
  expect(file()).toBe(change.afterYaml);

  const open = await eventually(taxReadsMarital, (r) => r.data?.person?.maritalStatus != null);
  expect(open.errors).toBeUndefined();
  expect(open.data!.person.maritalStatus).toEqual(expect.any(String));
  // A decided change is decided once.
  expect(codes(await as(PLATFORM_OFFICER, APPROVE, { id: change.id }))).toEqual(['CONFLICT']);
});

test('an unrelated edit made meanwhile is kept; an edit to the same field is never overwritten: a CONFLICT', async () => {
  const propose = async (changes: object[]) => {
    const res = await as(PS_OFFICER, PROPOSE, { input: { provider: 'public-security', reason: '测试并发修改', changes } });
    expect(res.errors).toBeUndefined();
    return res.data!.proposePolicyChange.id as string;
  };
  // Someone adds a comment in git meanwhile: the approved value is written on top of it.
  const first = await propose([{ path: 'Person.ethnicity', mask: 'name' }]);
  policies.write('public-security.yaml', `${file()}# reviewed 2026-12\n`);
  const applied = await as(PLATFORM_OFFICER, APPROVE, { id: first });
  expect(applied.errors).toBeUndefined();
  expect(applied.data!.approvePolicyChange.status).toBe('APPLIED');
  expect(file()).toBe(applied.data!.approvePolicyChange.afterYaml);
  expect(file()).toMatch(/ethnicity: \{ sharing: unconditional, personal: true, mask: name,[^\n]*\n[\s\S]*# reviewed 2026-12\n$/);

  // Someone changes the very field in git meanwhile: approval refuses, the edit stands.
  const second = await propose([{ path: 'Person.phone', mask: 'name' }]);
  const edited = file().replace('phone: { sharing: conditional, personal: true, mask: phone,', 'phone: { sharing: conditional, personal: true, mask: address,');
  expect(edited).not.toBe(file());
  policies.write('public-security.yaml', edited);
  expect(codes(await as(PLATFORM_OFFICER, APPROVE, { id: second }))).toEqual(['CONFLICT']);
  expect(file()).toBe(edited);
  expect((await as(PS_OFFICER, ONE, { id: second })).data!.policyChange.status).toBe('PROPOSED');
  // Only the proposer withdraws it.
  expect(codes(await as(PS_OFFICER_2, WITHDRAW, { id: second }))).toEqual(['FORBIDDEN']);
  const withdrawn = await as(PS_OFFICER, WITHDRAW, { id: second, reason: '文件已变更，重新提出' });
  expect(withdrawn.data!.withdrawPolicyChange).toMatchObject({ status: 'WITHDRAWN', decidedBy: PS_OFFICER.user, decisionNote: '文件已变更，重新提出' });
});

test('the platform operator’s officer may reject, with a reason; the record keeps who and when', async () => {
  const proposed = await as(PS_OFFICER, PROPOSE, { input: { provider: 'public-security', reason: '测试驳回', changes: [{ path: 'Person.gender', personal: false }] } });
  const id = proposed.data!.proposePolicyChange.id;
  expect(codes(await as(PLATFORM_OFFICER, REJECT, { id, reason: ' ' }))).toEqual(['BAD_USER_INPUT']);
  const rejected = await as(PLATFORM_OFFICER, REJECT, { id, reason: '性别属个人信息，不予调整' });
  expect(rejected.errors).toBeUndefined();
  expect(rejected.data!.rejectPolicyChange).toMatchObject({ status: 'REJECTED', decidedBy: PLATFORM_OFFICER.user, decidedByDepartment: 'big-data-center', decisionNote: '性别属个人信息，不予调整', afterRevision: null });
  expect(Date.parse(rejected.data!.rejectPolicyChange.decidedAt)).toBeGreaterThan(Date.now() - 60_000);
});

test('a policy directory that cannot be written: approval is a CONFLICT, and the change stays proposed', async () => {
  const proposed = await as(PS_OFFICER, PROPOSE, { input: { provider: 'public-security', reason: '测试只读目录', changes: [{ path: 'Person.deceased', mask: 'name' }] } });
  const id = proposed.data!.proposePolicyChange.id;
  const before = file();
  // The approval's temporary file cannot be created (as root, a read-only mode would not stop it): a directory is in its place.
  const blocker = path.join(policies.dir, `.public-security.yaml.${process.pid}.tmp`);
  fs.mkdirSync(blocker);
  try {
    const res = await as(PLATFORM_OFFICER, APPROVE, { id });
    expect(codes(res)).toEqual(['CONFLICT']);
  } finally {
    fs.rmdirSync(blocker);
  }
  expect(file()).toBe(before);
  expect((await as(PS_OFFICER, ONE, { id })).data!.policyChange.status).toBe('PROPOSED');
  expect((await as(PS_OFFICER, WITHDRAW, { id })).data!.withdrawPolicyChange.status).toBe('WITHDRAWN');
});

test('the change history: a provider’s officers see its changes, the platform all, others none; consumers are refused', async () => {
  const ps = (await as(PS_OFFICER_2, CHANGES, {})).data!.policyChanges;
  expect(ps.map((c: any) => c.status)).toEqual(['WITHDRAWN', 'REJECTED', 'WITHDRAWN', 'APPLIED', 'APPLIED']);
  expect((await as(PLATFORM_OFFICER, CHANGES, { status: 'APPLIED' })).data!.policyChanges).toHaveLength(2);
  expect((await as(MR_OFFICER, CHANGES, {})).data!.policyChanges).toEqual([]);
  expect((await as(MR_OFFICER, ONE, { id: ps[0].id })).data!.policyChange).toBeNull();
  expect(codes(await as(TAX, CHANGES, {}))).toEqual(['FORBIDDEN']);
  expect(codes(await as(PS_OFFICER, APPROVE, { id: 'PC-2026-999999' }))).toEqual(['NOT_FOUND']);
});
