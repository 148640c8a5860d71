/**
 * Applications, grants and data-quality reports through the gateway, as their users meet
 * them: a 江宁区 tax officer is refused a phone number, applies for it, public-security's
 * security officer approves, the grant is honoured within 2 s without a deploy and refused
 * within 2 s of its revocation. Every mutation refuses a caller without its role; reports go
 * to the field's provider and back; the statistics and the catalog reflect all of it.
 * Codes, reasons and data are asserted, never message text.
 */
import { startTestStack, TestStack } from '../support/stack';
import { codes, GraphQLResponse } from '../support/http';
import { PEOPLE, REPO_POLICIES } from '../support/security';
import { testWorld } from '../support/databases';
import { SHOWCASE } from '../../lib/synthetic';
import type { Requester } from '../../lib/identity';
import { loadCalendar } from '../../subgraphs/sharing/calendar';

const TAX = PEOPLE.taxOfficer;
/** public-security's security officer (数据安全员) — not provider staff. */
const PS_OFFICER: Requester = { user: 'ga-aq-0001', dept: 'public-security', division: '320100', roles: ['security-officer'] };
const MR_OFFICER: Requester = { user: 'sj-aq-0001', dept: 'market-regulation', division: '320100', roles: ['security-officer'] };
/** public-security staff who answer data-quality reports (role provider:public-security). */
const PS_PROVIDER = PEOPLE.publicSecurity;
const MR_PROVIDER = PEOPLE.marketRegulation;
const CASEWORKER = PEOPLE.caseworker;
const HOUSING: Requester = { user: 'gjj-xw-0003', dept: 'housing-fund', division: '320102', roles: ['consumer'] };
const NOBODY: Requester = { user: 'sw-jn-0199', dept: 'tax', division: '320115', roles: [] };

/** A 江宁区 resident of the test world, with a phone number on record. */
const RESIDENT = testWorld().persons.find((p) => p.divisionCode === '320115' && p.phone && !p.deceased)!;
const CALENDAR = loadCalendar(`${REPO_POLICIES}/calendar/working-days.yaml`);

const PHONE = `query Phone($id: ID!) { person(idNumber: $id) { idNumber name phone } }`;

const APP = `
  id consumer purpose fields unmasked jurisdiction validUntil status submittedBy submittedAt
  dueOn overdue workingDaysLeft decidedAt
  reviews { provider status fields approvedFields decidedBy reason }
  grant { id origin applicationId consumer purpose fields unmasked jurisdiction active approvedBy }
  history { action actor department at }`;

const SUBMIT = `mutation Submit($input: ApplicationInput!) { submitApplication(input: $input) { ${APP} } }`;
const APPROVE = `mutation Approve($id: ID!, $provider: String, $decision: ApprovalInput) { approveApplication(id: $id, provider: $provider, decision: $decision) { ${APP} } }`;
const REJECT = `mutation Reject($id: ID!, $provider: String, $reason: String!) { rejectApplication(id: $id, provider: $provider, reason: $reason) { id status } }`;
const WITHDRAW = `mutation Withdraw($id: ID!, $reason: String) { withdrawApplication(id: $id, reason: $reason) { id status } }`;
const REVOKE = `mutation Revoke($id: ID!, $reason: String!) { revokeGrant(id: $id, reason: $reason) { id active revokedAt revokedBy revokeReason } }`;
const APPLICATION = `query App($id: ID!) { application(id: $id) { ${APP} } }`;
const REPORT = `mutation Report($path: String!, $key: ID!, $text: String!) {
  reportDataIssue(path: $path, subjectKey: $key, description: $text) { id path subjectKey provider reporter reporterDepartment status } }`;
const ACK = `mutation Ack($id: ID!) { acknowledgeDataIssue(id: $id, note: "已转户籍科核查") { id status acknowledgedBy acknowledgedAt } }`;
const RESOLVE = `mutation Resolve($id: ID!) { resolveDataIssue(id: $id, outcome: CORRECTED, resolution: "已按户籍档案更正门牌号") { id status outcome resolvedBy } }`;
const ISSUE = `query Issue($id: ID!) { dataIssue(id: $id) { id path subjectKey provider status outcome resolution reporter acknowledgedAt resolvedAt } }`;

let stack: TestStack;
/** Requests the tax officer made that touched public-security's personal data. */
let taxReads = 0;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const as = (who: Requester, query: string, variables?: Record<string, unknown>) => stack.queryAs(who, {}, query, variables);

/** The tax officer reads the resident's phone under `opts`. */
async function readPhone(opts: { purpose?: string; grantId?: string }): Promise<GraphQLResponse> {
  taxReads += 1;
  return stack.queryAs(TAX, opts, PHONE, { id: RESIDENT.idNumber });
}

/** `{ path: reason }` of every FORBIDDEN error. */
const reasons = (res: GraphQLResponse) => Object.fromEntries((res.errors ?? []).map((e) => [(e.path ?? []).join('.'), e.extensions?.reason ?? e.extensions?.code]));

/** Refused with FORBIDDEN / ROLE_REQUIRED, and nothing returned. */
function expectRoleRequired(res: GraphQLResponse): void {
  expect(codes(res)).toEqual(['FORBIDDEN']);
  expect(res.errors![0].extensions!.reason).toBe('ROLE_REQUIRED');
  expect(res.data ?? null).toBeNull();
}

/** Polls `probe` every 50 ms until it holds; returns the time it took, or fails after `ms`. */
async function within(ms: number, probe: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`not in effect after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const APPLY_PHONE = {
  purpose: 'tax-audit',
  justification: '个人所得税汇算清缴稽查，需核实纳税人联系电话（《税收征收管理法》第五十七条）。',
  fields: ['Person.phone'],
  unmasked: ['Person.phone'],
};

// ---- the life cycle ------------------------------------------------------------------------

describe('a tax officer applies for a phone number (有条件共享)', () => {
  let app: any;
  let grantId: string;

  it('is first refused the phone with GRANT_REQUIRED, while unconditional data flows', async () => {
    expect(RESIDENT).toBeDefined();
    const res = await readPhone({ purpose: 'tax-audit' });
    expect(res.data!.person).toEqual({ idNumber: RESIDENT.idNumber, name: RESIDENT.name, phone: null });
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(reasons(res)).toEqual({ 'person.phone': 'GRANT_REQUIRED' });
  });

  it('submits an application and sees its due date, not overdue, with working days left', async () => {
    const res = await as(TAX, SUBMIT, { input: APPLY_PHONE });
    expect(res.errors).toBeUndefined();
    app = res.data!.submitApplication;
    expect(app).toMatchObject({
      consumer: 'tax',
      purpose: 'tax-audit',
      fields: ['Person.phone'],
      unmasked: ['Person.phone'],
      jurisdiction: '320115', // the consumer's own division by default
      status: 'PENDING',
      submittedBy: TAX.user,
      overdue: false,
      decidedAt: null,
      grant: null,
      reviews: [{ provider: 'public-security', status: 'PENDING', fields: ['Person.phone'], approvedFields: null, decidedBy: null, reason: null }],
    });
    expect(app.id).toMatch(/^A-\d{4}-\d{6}$/);
    // The 10th working day after the day of submission, on the repository's calendar.
    expect(app.dueOn).toBe(CALENDAR.dueDate(new Date(app.submittedAt)));
    expect(app.workingDaysLeft).toBe(CALENDAR.workingDaysBetween(CALENDAR.localDate(new Date()), app.dueOn));
    expect(app.workingDaysLeft).toBeGreaterThanOrEqual(9);
    expect(app.workingDaysLeft).toBeLessThanOrEqual(10);
    expect(app.history).toEqual([{ action: 'submitted', actor: TAX.user, department: 'tax', at: app.submittedAt }]);
  });

  it('public-security\'s officer finds it among the applications addressed to it; others do not see it', async () => {
    const mine = await as(PS_OFFICER, `{ applications(provider: "public-security", status: PENDING) { id consumer overdue } }`);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.applications).toContainEqual({ id: app.id, consumer: 'tax', overdue: false });
    const notOverdue = await as(PS_OFFICER, `{ applications(overdue: true) { id } }`);
    expect(notOverdue.data!.applications.map((a: any) => a.id)).not.toContain(app.id);
    for (const other of [MR_OFFICER, HOUSING]) {
      const list = await as(other, `{ applications { id } }`);
      expect(list.data!.applications.map((a: any) => a.id)).not.toContain(app.id);
      const one = await as(other, APPLICATION, { id: app.id });
      expect(one.errors).toBeUndefined();
      expect(one.data!.application).toBeNull();
    }
  });

  it('market-regulation\'s officer cannot approve it (the application is not addressed to it)', async () => {
    const res = await as(MR_OFFICER, APPROVE, { id: app.id, provider: 'public-security' });
    expect(codes(res)).toEqual(['NOT_FOUND']);
  });

  it('public-security\'s officer approves; the grant appears on the application and in grants(consumer: "tax")', async () => {
    const res = await as(PS_OFFICER, APPROVE, { id: app.id, decision: { note: '同意，限稽查使用' } });
    expect(res.errors).toBeUndefined();
    const approved = res.data!.approveApplication;
    expect(approved.status).toBe('APPROVED');
    expect(approved.reviews).toEqual([
      { provider: 'public-security', status: 'APPROVED', fields: ['Person.phone'], approvedFields: ['Person.phone'], decidedBy: PS_OFFICER.user, reason: '同意，限稽查使用' },
    ]);
    grantId = approved.grant.id;
    expect(grantId).toMatch(/^G-\d{4}-\d{6}$/);
    expect(approved.grant).toMatchObject({
      origin: 'WORKFLOW',
      applicationId: app.id,
      consumer: 'tax',
      purpose: 'tax-audit',
      fields: ['Person.phone'],
      unmasked: ['Person.phone'],
      jurisdiction: '320115',
      active: true,
    });
    const list = await as(TAX, `{ grants(consumer: "tax") { id origin active } }`);
    expect(list.data!.grants).toContainEqual({ id: grantId, origin: 'WORKFLOW', active: true });
    const byOfficer = await as(PS_OFFICER, `query G($id: ID!) { grant(id: $id) { id consumer } }`, { id: grantId });
    expect(byOfficer.data!.grant).toEqual({ id: grantId, consumer: 'tax' });
    const byOther = await as(HOUSING, `query G($id: ID!) { grant(id: $id) { id } }`, { id: grantId });
    expect(byOther.data!.grant).toBeNull();
  });

  it('within 2 s the tax officer reads the phone unmasked under that grant and purpose', async () => {
    const took = await within(2000, async () => (await readPhone({ purpose: 'tax-audit', grantId })).data?.person?.phone === RESIDENT.phone);
    expect(took).toBeLessThan(2000);
    const res = await readPhone({ purpose: 'tax-audit', grantId });
    expect(res.errors).toBeUndefined();
    expect(res.data!.person).toEqual({ idNumber: RESIDENT.idNumber, name: RESIDENT.name, phone: RESIDENT.phone });
  });

  it('under another purpose the same grant gives PURPOSE_MISMATCH', async () => {
    const res = await readPhone({ purpose: 'housing-subsidy', grantId });
    expect(res.data!.person.phone).toBeNull();
    expect(reasons(res)).toEqual({ 'person.phone': 'PURPOSE_MISMATCH' });
  });

  it('another consumer cannot revoke it; a file grant cannot be revoked here', async () => {
    expectRoleRequired(await as(HOUSING, REVOKE, { id: grantId, reason: '越权撤销' }));
    const file = await as(PS_OFFICER, REVOKE, { id: 'G-DEMO-0001', reason: '演示授权' });
    expect(codes(file)).toEqual(['CONFLICT']);
    expect(file.data ?? null).toBeNull();
  });

  it('revoked by the officer, within 2 s the read is GRANT_EXPIRED', async () => {
    const res = await as(PS_OFFICER, REVOKE, { id: grantId, reason: '稽查任务结束' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.revokeGrant).toMatchObject({ id: grantId, active: false, revokeReason: '稽查任务结束' });
    expect(res.data!.revokeGrant.revokedAt).not.toBeNull();
    expect(res.data!.revokeGrant.revokedBy).toContain(PS_OFFICER.user);
    const took = await within(2000, async () => reasons(await readPhone({ purpose: 'tax-audit', grantId }))['person.phone'] === 'GRANT_EXPIRED');
    expect(took).toBeLessThan(2000);
    const after = await readPhone({ purpose: 'tax-audit', grantId });
    expect(after.data!.person.phone).toBeNull();
    expect(after.data!.person.name).toBe(RESIDENT.name);
    const again = await as(PS_OFFICER, REVOKE, { id: grantId, reason: '重复撤销' });
    expect(codes(again)).toEqual(['CONFLICT']);
    const list = await as(TAX, `{ grants(consumer: "tax", active: false) { id } }`);
    expect(list.data!.grants).toContainEqual({ id: grantId });
  });

  it('its history lists submitted, approved, granted and revoked, with who and when', async () => {
    const res = await as(TAX, APPLICATION, { id: app.id });
    expect(res.errors).toBeUndefined();
    const a = res.data!.application;
    expect(a.status).toBe('APPROVED');
    expect(a.overdue).toBe(false);
    expect(a.workingDaysLeft).toBeNull();
    expect(a.grant).toMatchObject({ id: grantId, active: false });
    expect(a.history.map((e: any) => [e.action, e.actor, e.department])).toEqual([
      ['submitted', TAX.user, 'tax'],
      ['approved', PS_OFFICER.user, 'public-security'],
      ['granted', PS_OFFICER.user, 'public-security'],
      ['revoked', PS_OFFICER.user, 'public-security'],
    ]);
    const times = a.history.map((e: any) => Date.parse(e.at));
    expect(times.every((t: number) => !Number.isNaN(t))).toBe(true);
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    expect(Date.parse(a.decidedAt)).toBe(times[2]);
  });
});

// ---- roles ---------------------------------------------------------------------------------

describe('roles on every mutation', () => {
  /** A pending application to public-security and market-regulation, and an open report. */
  let joint: string;
  let issue: string;
  beforeAll(async () => {
    const app = await as(TAX, SUBMIT, { input: { ...APPLY_PHONE, fields: ['Person.phone', 'Person.shareholdings'] } });
    expect(app.errors).toBeUndefined();
    joint = app.data!.submitApplication.id;
    const report = await as(CASEWORKER, REPORT, { path: 'Person.maritalStatus', key: SHOWCASE.spouse, text: '婚姻状况与民政登记不一致' });
    expect(report.errors).toBeUndefined();
    issue = report.data!.reportDataIssue.id;
  });

  it.each<[string, Requester, string, () => Record<string, unknown>]>([
    ['submitApplication by a security officer', PS_OFFICER, SUBMIT, () => ({ input: APPLY_PHONE })],
    ['submitApplication without any role', NOBODY, SUBMIT, () => ({ input: APPLY_PHONE })],
    ['withdrawApplication by a security officer', PS_OFFICER, WITHDRAW, () => ({ id: joint })],
    ['approveApplication by the applying consumer', TAX, APPROVE, () => ({ id: joint, provider: 'public-security' })],
    ['approveApplication by provider staff without the officer role', PS_PROVIDER, APPROVE, () => ({ id: joint, provider: 'public-security' })],
    ['rejectApplication by a consumer', TAX, REJECT, () => ({ id: joint, provider: 'public-security', reason: '自行驳回' })],
    ['rejectApplication by provider staff without the officer role', PS_PROVIDER, REJECT, () => ({ id: joint, provider: 'public-security', reason: '驳回' })],
    ['revokeGrant by provider staff', PS_PROVIDER, REVOKE, () => ({ id: 'G-DEMO-0001', reason: '撤销' })],
    ['revokeGrant without any role', NOBODY, REVOKE, () => ({ id: 'G-DEMO-0001', reason: '撤销' })],
    ['reportDataIssue by a security officer', PS_OFFICER, REPORT, () => ({ path: 'Person.phone', key: SHOWCASE.head, text: '号码错误' })],
    ['reportDataIssue by provider staff', PS_PROVIDER, REPORT, () => ({ path: 'Person.phone', key: SHOWCASE.head, text: '号码错误' })],
    ['acknowledgeDataIssue by the reporting consumer', CASEWORKER, ACK, () => ({ id: issue })],
    // (the provider's own security officer may answer: it acts for public-security)
    ['acknowledgeDataIssue by a consumer of another department', TAX, ACK, () => ({ id: issue })],
    ['resolveDataIssue by the reporting consumer', CASEWORKER, RESOLVE, () => ({ id: issue })],
    ['resolveDataIssue by a consumer', TAX, RESOLVE, () => ({ id: issue })],
  ])('%s is FORBIDDEN (ROLE_REQUIRED)', async (_label, who, mutation, variables) => {
    expectRoleRequired(await as(who, mutation, variables()));
  });

  it('none of the refused calls changed anything', async () => {
    const app = await as(TAX, APPLICATION, { id: joint });
    expect(app.data!.application.status).toBe('PENDING');
    expect(app.data!.application.reviews.map((r: any) => r.status)).toEqual(['PENDING', 'PENDING']);
    expect(app.data!.application.history.map((e: any) => e.action)).toEqual(['submitted']);
    const report = await as(CASEWORKER, ISSUE, { id: issue });
    expect(report.data!.dataIssue).toMatchObject({ status: 'OPEN', acknowledgedAt: null, resolvedAt: null });
    const grants = await as(CASEWORKER, `{ grants(consumer: "civil-affairs") { id active } }`);
    expect(grants.data!.grants).toContainEqual({ id: 'G-DEMO-0001', active: true });
  });

  it('a security officer of the wrong provider cannot decide another provider\'s part', async () => {
    // market-regulation is concerned by Person.shareholdings, so it sees the application …
    const seen = await as(MR_OFFICER, APPLICATION, { id: joint });
    expect(seen.data!.application.id).toBe(joint);
    // … but the Person.phone part is public-security's to decide.
    expectRoleRequired(await as(MR_OFFICER, APPROVE, { id: joint, provider: 'public-security' }));
    expectRoleRequired(await as(MR_OFFICER, REJECT, { id: joint, provider: 'public-security', reason: '越权' }));
    const own = await as(MR_OFFICER, REJECT, { id: joint, provider: 'market-regulation', reason: '投资信息与稽查无关' });
    expect(own.errors).toBeUndefined();
    expect(own.data!.rejectApplication.status).toBe('PENDING');
  });

  it('a consumer cannot withdraw another department\'s application (it does not exist for it: NOT_FOUND)', async () => {
    const res = await as(HOUSING, WITHDRAW, { id: joint, reason: '越权' });
    expect(codes(res)).toEqual(['NOT_FOUND']);
    expect((await as(TAX, APPLICATION, { id: joint })).data!.application.status).toBe('PENDING');
  });

  it('the applying consumer withdraws its own; deciding it afterwards is a CONFLICT', async () => {
    const submitted = await as(TAX, SUBMIT, { input: { ...APPLY_PHONE, purpose: 'tax-refund-check' } });
    const id = submitted.data!.submitApplication.id;
    const res = await as(TAX, WITHDRAW, { id, reason: '已通过纳税人自行申报核实' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.withdrawApplication).toEqual({ id, status: 'WITHDRAWN' });
    expect(codes(await as(PS_OFFICER, APPROVE, { id }))).toEqual(['CONFLICT']);
    expect(codes(await as(TAX, WITHDRAW, { id }))).toEqual(['CONFLICT']);
    const withdrawn = (await as(TAX, APPLICATION, { id })).data!.application;
    expect(withdrawn.history.map((e: any) => [e.action, e.actor, e.department])).toEqual([
      ['submitted', TAX.user, 'tax'],
      ['withdrawn', TAX.user, 'tax'],
    ]);
    // Public-security's part no longer waits: not PENDING, not in its queue, not overdue, no countdown.
    expect(withdrawn.reviews).toEqual([{ provider: 'public-security', status: 'WITHDRAWN', fields: ['Person.phone'], approvedFields: null, decidedBy: null, reason: null }]);
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', overdue: false, workingDaysLeft: null });
    const queue = await as(PS_OFFICER, `{ applications(status: PENDING, provider: "public-security") { id } }`);
    expect(queue.data!.applications.map((a: any) => a.id)).not.toContain(id);
  });

  it('bad input to submitApplication is BAD_USER_INPUT', async () => {
    for (const input of [
      { ...APPLY_PHONE, fields: ['Person.name'], unmasked: [] },
      { ...APPLY_PHONE, fields: ['Person.caseFlags'], unmasked: [] },
      { ...APPLY_PHONE, justification: ' ' },
    ]) {
      expect(codes(await as(TAX, SUBMIT, { input }))).toEqual(['BAD_USER_INPUT']);
    }
  });
});

// ---- data-quality reports ------------------------------------------------------------------

describe('a data-quality report (纠错)', () => {
  let id: string;

  it('is routed to the field\'s authoritative provider, OPEN', async () => {
    const res = await as(CASEWORKER, REPORT, { path: 'Person.registeredAddress', key: SHOWCASE.head, text: '户籍地址门牌号与实际不符（88号应为86号）' });
    expect(res.errors).toBeUndefined();
    const issue = res.data!.reportDataIssue;
    id = issue.id;
    expect(issue).toMatchObject({
      path: 'Person.registeredAddress',
      subjectKey: SHOWCASE.head,
      provider: 'public-security',
      reporter: CASEWORKER.user,
      reporterDepartment: 'civil-affairs',
      status: 'OPEN',
    });
  });

  it('refuses a path that is no catalog item and a 身份号码 that fails its checksum', async () => {
    const badPath = await as(CASEWORKER, REPORT, { path: 'Person.shoeSize', key: SHOWCASE.head, text: '有误' });
    expect(codes(badPath)).toEqual(['BAD_USER_INPUT']);
    const wrongCheck = SHOWCASE.head.slice(0, 17) + (SHOWCASE.head[17] === '0' ? '1' : '0');
    const badKey = await as(CASEWORKER, REPORT, { path: 'Person.registeredAddress', key: wrongCheck, text: '有误' });
    expect(codes(badKey)).toEqual(['BAD_USER_INPUT']);
    const empty = await as(CASEWORKER, REPORT, { path: 'Person.registeredAddress', key: SHOWCASE.head, text: '  ' });
    expect(codes(empty)).toEqual(['BAD_USER_INPUT']);
  });

  it('another consumer department does not see it; another provider cannot answer it', async () => {
    const res = await as(HOUSING, ISSUE, { id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.dataIssue).toBeNull();
    const list = await as(HOUSING, `{ dataIssues { id } }`);
    expect(list.data!.dataIssues.map((i: any) => i.id)).not.toContain(id);
    expect(codes(await as(MR_PROVIDER, ACK, { id }))).toEqual(['NOT_FOUND']);
  });

  it('public-security acknowledges it, then resolves it as corrected', async () => {
    const open = await as(PS_PROVIDER, `{ dataIssues(status: OPEN, provider: "public-security") { id } }`);
    expect(open.data!.dataIssues.map((i: any) => i.id)).toContain(id);
    const ack = await as(PS_PROVIDER, ACK, { id });
    expect(ack.errors).toBeUndefined();
    expect(ack.data!.acknowledgeDataIssue).toMatchObject({ id, status: 'ACKNOWLEDGED', acknowledgedBy: PS_PROVIDER.user });
    expect(ack.data!.acknowledgeDataIssue.acknowledgedAt).not.toBeNull();
    expect(codes(await as(PS_PROVIDER, ACK, { id }))).toEqual(['CONFLICT']);
    const resolved = await as(PS_PROVIDER, RESOLVE, { id });
    expect(resolved.errors).toBeUndefined();
    expect(resolved.data!.resolveDataIssue).toEqual({ id, status: 'RESOLVED', outcome: 'CORRECTED', resolvedBy: PS_PROVIDER.user });
    expect(codes(await as(PS_PROVIDER, ACK, { id }))).toEqual(['CONFLICT']);
    expect(codes(await as(PS_PROVIDER, RESOLVE, { id }))).toEqual(['CONFLICT']);
  });

  it('the reporter sees it RESOLVED, with the outcome', async () => {
    const res = await as(CASEWORKER, ISSUE, { id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.dataIssue).toMatchObject({ id, status: 'RESOLVED', outcome: 'CORRECTED', provider: 'public-security', reporter: CASEWORKER.user });
    expect(res.data!.dataIssue.resolution).toBeTruthy();
    expect(Date.parse(res.data!.dataIssue.resolvedAt)).toBeGreaterThanOrEqual(Date.parse(res.data!.dataIssue.acknowledgedAt));
  });
});

// ---- statistics and catalog ----------------------------------------------------------------

describe('sharingStatistics', () => {
  const STATS = `{ sharingStatistics {
    provider requests accessRecords consumers { department requests }
    openDataIssues resolvedDataIssues averageDataIssueHours pendingApplications overdueApplications averageApplicationWorkingDays } }`;

  it('shows per provider the use made of its data, its open and resolved reports and its pending applications', async () => {
    const res = await as(PS_OFFICER, STATS);
    expect(res.errors).toBeUndefined();
    const stats = res.data!.sharingStatistics;
    expect(stats.map((s: any) => s.provider)).toEqual(['human-resources', 'market-regulation', 'natural-resources', 'public-security']);
    const ps = stats.find((s: any) => s.provider === 'public-security');
    // Every read of the resident's phone by the tax officer, granted or refused, is one request.
    expect(taxReads).toBeGreaterThanOrEqual(6);
    expect(ps.consumers).toContainEqual({ department: 'tax', requests: taxReads });
    expect(ps.requests).toBeGreaterThanOrEqual(taxReads);
    expect(ps.requests).toBe(ps.consumers.reduce((n: number, c: any) => n + c.requests, 0));
    expect(ps.accessRecords).toBeGreaterThanOrEqual(ps.requests);
    expect(ps.resolvedDataIssues).toBeGreaterThanOrEqual(1);
    expect(ps.averageDataIssueHours).not.toBeNull();
    expect(ps.averageDataIssueHours).toBeGreaterThanOrEqual(0);
    expect(ps.openDataIssues).toBeGreaterThanOrEqual(1); // the maritalStatus report nobody answered
    const pending = await as(PS_OFFICER, `{ applications(status: PENDING, provider: "public-security") { id } }`);
    expect(ps.pendingApplications).toBe(pending.data!.applications.length);
    expect(ps.pendingApplications).toBeGreaterThanOrEqual(1);
    expect(ps.overdueApplications).toBe(0);
    expect(ps.averageApplicationWorkingDays).not.toBeNull();
    const mr = stats.find((s: any) => s.provider === 'market-regulation');
    expect(mr.pendingApplications).toBe(0); // it rejected its part of the joint application
    expect(mr.consumers.map((c: any) => c.department)).not.toContain('tax');
  });
});

describe('the catalog', () => {
  it('lists public-security\'s conditional items with their conditions, and none of the platform\'s own records', async () => {
    const res = await as(TAX, `{ catalog(provider: "public-security", sharing: CONDITIONAL) { path provider sharing conditions } }`);
    expect(res.errors).toBeUndefined();
    const entries = res.data!.catalog;
    const phone = entries.find((e: any) => e.path === 'Person.phone');
    expect(phone).toMatchObject({ provider: 'public-security', sharing: 'CONDITIONAL' });
    expect(phone.conditions).toBeTruthy();
    expect(entries.every((e: any) => e.provider === 'public-security' && e.sharing === 'CONDITIONAL')).toBe(true);
    expect(entries.map((e: any) => e.path)).not.toContain('Person.name');

    const all = (await as(TAX, `{ catalog { path typeName provider subgraph } }`)).data!.catalog;
    expect(all.length).toBeGreaterThan(entries.length);
    const own = ['GrantApplication', 'SharingGrant', 'DataIssue', 'AccessRecord', 'CatalogEntry', 'ProviderStatistics', 'ApplicationEvent'];
    expect(all.filter((e: any) => own.includes(e.typeName) || e.provider === 'big-data-center' || e.subgraph === 'sharing')).toEqual([]);
  });

  it('finds the not-shared case flags by searching 案件, with their legal basis', async () => {
    const res = await as(TAX, `{ catalog(search: "案件") { path provider sharing legalBasis } }`);
    expect(res.errors).toBeUndefined();
    const flags = res.data!.catalog.find((e: any) => e.path === 'Person.caseFlags');
    expect(flags).toMatchObject({ provider: 'public-security', sharing: 'NOT_SHARED' });
    expect(flags.legalBasis).toBeTruthy();
  });
});
