/**
 * The application workflow for conditional data (有条件共享) against the real platform
 * database (PostgreSQL when GOVGRAPH_PG_URL is set, embedded PGlite otherwise): answer
 * deadlines on a working-day calendar, the life cycle of an application to two providers,
 * conflicts, input checks, and the history every state change leaves.
 *
 * The clock is the test's: `now()` returns a variable, so deadlines, overdue states and
 * answer times are computed, never waited for. Expected dates are worked out by hand from
 * the calendar, never by the calendar under test.
 */
import type { GraphQLError } from 'graphql';
import { openPlatformDatabase, TestDatabase } from '../support/databases';
import { REPO_POLICIES } from '../support/security';
import { PolicyStore } from '../../lib/policy/store';
import { grantStatus, type Requester } from '../../lib/policy/engine';
import { DatabaseGrantSource, type GrantRow } from '../../lib/grants/grantStore';
import { GrantIntegrity } from '../../lib/grants/integrity';
import { randomBytes } from 'node:crypto';
import { connectServer, type Database } from '../../lib/db';
import { rootLogger } from '../../lib/log';
import { CalendarFileSchema, loadCalendar, WorkingCalendar } from '../../subgraphs/sharing/calendar';
import {
  approveApplication,
  rejectApplication,
  revokeGrant,
  submitApplication,
  withdrawApplication,
  type ApplicationInput,
  type WorkflowDeps,
} from '../../subgraphs/sharing/applications';
import { acknowledgeDataIssue, reportDataIssue, resolveDataIssue } from '../../subgraphs/sharing/dataIssues';
import { providerStatistics } from '../../subgraphs/sharing/statistics';
import { divisionCodeTable, type ApplicationRow, type EventRow, type ReviewRow } from '../../subgraphs/sharing/db';
import { DivisionRegister } from '../../lib/ids/divisionRegister';
import { applicationModel } from '../../subgraphs/sharing/models';
import { Query } from '../../subgraphs/sharing/resolvers/Query';
import { GrantApplication } from '../../subgraphs/sharing/resolvers/GrantApplication';
import { sharing } from '../../subgraphs/sharing/server';

// ---- who -----------------------------------------------------------------------------------

/** A city-level civil-affairs consumer (民政局), applying for 南京市 320100. */
const CONSUMER: Requester = { user: 'mz-sj-0001', dept: 'civil-affairs', division: '320100', roles: ['consumer'] };
const TAX: Requester = { user: 'sw-jn-0101', dept: 'tax', division: '320115', roles: ['consumer'] };
/** The providers' security officers (数据安全员). */
const PS_OFFICER: Requester = { user: 'ga-aq-0001', dept: 'public-security', division: '320100', roles: ['security-officer'] };
const NR_OFFICER: Requester = { user: 'zr-aq-0001', dept: 'natural-resources', division: '320100', roles: ['security-officer'] };
const MR_OFFICER: Requester = { user: 'sj-aq-0001', dept: 'market-regulation', division: '320100', roles: ['security-officer'] };
/** 不动产登记中心: its own department code, acting for natural-resources by role. */
const NR_BY_ROLE: Requester = { user: 'bdc-aq-0001', dept: 'real-estate-center', division: '320100', roles: ['security-officer', 'provider:natural-resources'] };
/** Public-security staff without the security-officer role. */
const PS_STAFF: Requester = { user: 'ga-0001', dept: 'public-security', division: '320100', roles: ['provider:public-security'] };
/** Public-security staff who are also consumers (they may see the application, not withdraw it). */
const PS_CONSUMER: Requester = { user: 'ga-0002', dept: 'public-security', division: '320100', roles: ['consumer'] };
/** One officer acting for two providers: must say which one a decision is for. */
const TWO_HATS: Requester = { user: 'dsj-aq-0002', dept: 'data-office', division: '320100', roles: ['security-officer', 'provider:public-security', 'provider:natural-resources'] };

/** natural-resources' conditional fields of RealEstateRight (policies/natural-resources.yaml), sorted. */
const REAL_ESTATE_RIGHT = [
  'RealEstateRight.certificateNo',
  'RealEstateRight.encumbrances',
  'RealEstateRight.holder',
  'RealEstateRight.holderName',
  'RealEstateRight.parcel',
  'RealEstateRight.registeredOn',
  'RealEstateRight.updatedAt',
];

// ---- calendars and clock -------------------------------------------------------------------

const testCalendar = (input: Record<string, unknown> = {}) => new WorkingCalendar(CalendarFileSchema.parse(input));
/** Saturday and Sunday off, no holidays: the arithmetic alone. */
const PLAIN = testCalendar();
/** The repository's calendar (2026's State Council arrangement). */
const REAL = loadCalendar(`${REPO_POLICIES}/calendar/working-days.yaml`);

let t: TestDatabase;
let store: PolicyStore;
let clock = new Date('2026-11-20T10:00:00+08:00');
let calendar: WorkingCalendar = PLAIN;
const grantsChanged = jest.fn(async () => undefined);
/** What the platform MACs stored grants with (in a deployment: under GOVGRAPH_AUDIT_KEY). */
const grantIntegrity = new GrantIntegrity(randomBytes(32));
let deps: WorkflowDeps;

/** Sets the clock (an instant with its offset, e.g. `2026-11-20T10:00:00+08:00`). */
const at = (iso: string) => {
  clock = new Date(iso);
  return clock;
};

beforeAll(async () => {
  t = await openPlatformDatabase();
  store = PolicyStore.open(REPO_POLICIES);
  const divisions = new DivisionRegister({ table: 'division_code', load: () => divisionCodeTable(t.db.knex) });
  deps = { knex: t.db.knex, policy: () => store.current, calendar: () => calendar, now: () => clock, grantsChanged, divisions, grantIntegrity };
});
afterAll(async () => {
  store?.close();
  await t?.drop();
});
beforeEach(() => {
  calendar = PLAIN;
  grantsChanged.mockClear();
});

// ---- helpers -------------------------------------------------------------------------------

const INPUT: ApplicationInput = {
  purpose: 'dibao-verification',
  justification: '最低生活保障家庭经济状况核对（国务院令第649号）；申请人书面授权已存档。',
  fields: ['Person.phone'],
  unmasked: ['Person.phone'],
  jurisdiction: '320100',
};
const submit = (over: Partial<ApplicationInput> = {}, who: Requester = CONSUMER) => submitApplication(deps, who, { ...INPUT, ...over });

/** The error a refused call throws: its code and reason (never its message). */
async function refused(call: Promise<unknown>): Promise<{ code: unknown; reason: unknown; argumentName: unknown; message: string }> {
  let error: GraphQLError | undefined;
  try {
    await call;
  } catch (err) {
    error = err as GraphQLError;
  }
  if (!error) throw new Error('expected the call to be refused');
  return { code: error.extensions?.code, reason: error.extensions?.reason, argumentName: error.extensions?.argumentName, message: error.message };
}

const appRow = async (id: string) => (await t.db.knex<ApplicationRow>('grant_application').where({ id }).first())!;
const reviews = (id: string) => t.db.knex<ReviewRow>('application_review').where({ application_id: id }).orderBy('provider');
const events = (id: string) => t.db.knex<EventRow>('application_event').where({ application_id: id }).orderBy('id');
const grantRow = async (id: string) => (await t.db.knex<GrantRow>('sharing_grant').where({ id }).first())!;
const count = async (table: string) => Number((await t.db.knex(table).count({ n: '*' }))[0].n);
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
/** Events as comparable tuples: action, actor, department, when. */
const history = async (id: string) => (await events(id)).map((e) => [e.action, e.actor, e.actor_dept, iso(e.at)]);

// ---- due dates -----------------------------------------------------------------------------

describe(`answer deadlines (${process.env.GOVGRAPH_PG_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('is the 10th working day after submission: Friday 2026-11-20 → Friday 2026-12-04, across two weekends', async () => {
    at('2026-11-20T10:00:00+08:00');
    const app = await submit();
    expect(app.due_on).toBe('2026-12-04');
    expect((await appRow(app.id)).due_on).toBe('2026-12-04');
  });

  it('reckons the day of submission in Asia/Shanghai, not UTC', async () => {
    // 2026-11-19T17:30Z is Friday 01:30 in 南京 (Thursday in UTC, which would give 12-03).
    at('2026-11-19T17:30:00Z');
    expect((await submit()).due_on).toBe('2026-12-04');
  });

  it('with the repository calendar, an application submitted on 2026-09-25 (中秋) is due 2026-10-15, after 国庆 and the 10-10 make-up Saturday', async () => {
    calendar = REAL;
    at('2026-09-25T10:00:00+08:00');
    // 9-26/27 holiday; 9-28, 29, 30 (3); 10-01…07 国庆; 10-08, 09 (5); Sat 10-10 调休 (6); 10-12…15 (10).
    const app = await submit();
    expect(app.due_on).toBe('2026-10-15');
    expect((await appRow(app.id)).due_on).toBe('2026-10-15');
  });

  it('a holiday inside the window moves the deadline one working day later, past a weekend', async () => {
    calendar = testCalendar({ holidays: [{ date: '2026-11-26', name: '测试假日' }] });
    at('2026-11-20T10:00:00+08:00');
    // 11-23…25 (3), 11-26 off, 11-27 (4), 11-30…12-04 (9), weekend, Monday 12-07 (10).
    expect((await submit()).due_on).toBe('2026-12-07');
  });

  it('a make-up Saturday (调休) counts as a working day', async () => {
    calendar = testCalendar({ workdays: ['2026-11-28'] });
    at('2026-11-20T10:00:00+08:00');
    // 11-23…27 (5), Saturday 11-28 (6), 11-30…12-03 (10).
    expect((await submit()).due_on).toBe('2026-12-03');
  });

  it('a holiday and a make-up Saturday in one window cancel out', async () => {
    calendar = testCalendar({ holidays: ['2026-11-26'], workdays: ['2026-11-28'] });
    at('2026-11-20T10:00:00+08:00');
    expect((await submit()).due_on).toBe('2026-12-04');
  });

  it('a configured answer period other than 10 working days is honoured', async () => {
    calendar = testCalendar({ answerWithinWorkingDays: 5 });
    at('2026-11-20T10:00:00+08:00');
    expect((await submit()).due_on).toBe('2026-11-27');
  });
});

describe('overdue applications', () => {
  let old: ApplicationRow;
  let fresh: ApplicationRow;
  beforeAll(async () => {
    // Submitted Monday 2026-11-02 → due Monday 2026-11-16 (no holidays).
    calendar = PLAIN; // beforeAll runs before the file's beforeEach
    at('2026-11-02T09:00:00+08:00');
    old = await submitApplication(deps, CONSUMER, { ...INPUT, purpose: 'overdue-check' });
    // Submitted on the real clock: not overdue whenever the suite runs.
    at(new Date().toISOString());
    fresh = await submitApplication(deps, CONSUMER, { ...INPUT, purpose: 'overdue-check' });
  });

  it('is in time through its whole due day and overdue from the next, 11 working days after submission', () => {
    expect(old.due_on).toBe('2026-11-16');
    expect(PLAIN.isOverdue(old.due_on, new Date('2026-11-16T23:59:00+08:00'))).toBe(false);
    expect(PLAIN.isOverdue(old.due_on, new Date('2026-11-17T00:01:00+08:00'))).toBe(true);
    expect(PLAIN.workingDaysBetween('2026-11-02', '2026-11-17')).toBe(11);
    expect(PLAIN.workingDaysBetween('2026-11-17', old.due_on)).toBe(-1);
  });

  it('applications(overdue: true) lists it, (overdue: false) lists the fresh one, as the resolver computes them', async () => {
    const ctx = { db: t.db, policyScope: { requester: CONSUMER, policy: store.current }, loaders: { calendar: () => PLAIN } };
    const list = Query.applications as unknown as (p: unknown, a: Record<string, unknown>, c: unknown, i: unknown) => Promise<Array<{ id: string }>>;
    const overdue = (await list({}, { overdue: true }, ctx, {})).map((a) => a.id);
    const inTime = (await list({}, { overdue: false }, ctx, {})).map((a) => a.id);
    expect(overdue).toContain(old.id);
    expect(overdue).not.toContain(fresh.id);
    expect(inTime).toContain(fresh.id);
    expect(inTime).not.toContain(old.id);
    // Another consumer department sees neither.
    const taxCtx = { ...ctx, policyScope: { requester: TAX, policy: store.current } };
    expect((await list({}, { overdue: true }, taxCtx, {})).map((a) => a.id)).not.toContain(old.id);
  });

  it('GrantApplication.overdue and workingDaysLeft say so on the application itself', () => {
    const ctx = { loaders: { calendar: () => PLAIN } };
    const overdue = GrantApplication.overdue as unknown as (app: unknown, a: unknown, c: unknown, i: unknown) => boolean;
    const left = GrantApplication.workingDaysLeft as unknown as (app: unknown, a: unknown, c: unknown, i: unknown) => number | null;
    expect(overdue(applicationModel(old), {}, ctx, {})).toBe(true);
    expect(left(applicationModel(old), {}, ctx, {})).toBeLessThan(0);
    expect(overdue(applicationModel(fresh), {}, ctx, {})).toBe(false);
    expect(left(applicationModel(fresh), {}, ctx, {})).toBeGreaterThanOrEqual(9);
    // Once decided, an application is neither overdue nor counting down.
    expect(overdue({ ...applicationModel(old), status: 'WITHDRAWN' }, {}, ctx, {})).toBe(false);
    expect(left({ ...applicationModel(old), status: 'WITHDRAWN' }, {}, ctx, {})).toBeNull();
  });

  it('the statistics count it overdue for its provider from the day after its due date', async () => {
    const stats = async (now: string) =>
      (await providerStatistics(t.db.knex, ['public-security'], PLAIN, new Date('2026-01-01T00:00:00Z'), new Date(now), new Date(now)))[0];
    const onDueDay = await stats('2026-11-16T18:00:00+08:00');
    const dayAfter = await stats('2026-11-17T09:00:00+08:00');
    expect(dayAfter.overdueApplications - onDueDay.overdueApplications).toBe(1);
    expect(dayAfter.pendingApplications).toBe(onDueDay.pendingApplications);
    expect(dayAfter.pendingApplications).toBeGreaterThanOrEqual(2);
  });
});

// ---- the life cycle ------------------------------------------------------------------------

describe('an application to two providers (联合审批)', () => {
  let app: ApplicationRow;
  const submittedAt = '2026-11-20T10:00:00.000+08:00';

  it('is submitted as one PENDING application with one PENDING review per provider', async () => {
    at(submittedAt);
    app = await submit({ fields: ['Person.phone', 'Person.maritalStatus', 'RealEstateRight.*'], unmasked: ['Person.phone'], validUntil: '2027-11-19' });
    expect(app.id).toMatch(/^A-2026-\d{6}$/);
    const row = await appRow(app.id);
    expect(row).toMatchObject({
      consumer: 'civil-affairs',
      purpose: 'dibao-verification',
      fields: ['Person.maritalStatus', 'Person.phone', ...REAL_ESTATE_RIGHT].sort(),
      unmasked: ['Person.phone'],
      jurisdiction: '320100',
      valid_until: '2027-11-19',
      status: 'PENDING',
      submitted_by: 'mz-sj-0001',
      due_on: '2026-12-04',
      decided_at: null,
      grant_id: null,
    });
    expect(iso(row.submitted_at)).toBe(new Date(submittedAt).toISOString());
    const rs = await reviews(app.id);
    expect(rs.map((r) => [r.provider, r.status, r.fields])).toEqual([
      ['natural-resources', 'PENDING', REAL_ESTATE_RIGHT],
      ['public-security', 'PENDING', ['Person.maritalStatus', 'Person.phone']],
    ]);
    expect(await history(app.id)).toEqual([['submitted', 'mz-sj-0001', 'civil-affairs', new Date(submittedAt).toISOString()]]);
  });

  it('the consumer cannot decide on it, nor an officer of an uninvolved provider, nor provider staff without the officer role', async () => {
    expect(await refused(approveApplication(deps, CONSUMER, app.id, 'public-security'))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    expect(await refused(approveApplication(deps, PS_STAFF, app.id, 'public-security'))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    expect(await refused(rejectApplication(deps, PS_STAFF, app.id, null, '无权限'))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    // market-regulation is not concerned: the application is invisible to it.
    expect((await refused(approveApplication(deps, MR_OFFICER, app.id, 'public-security'))).code).toBe('NOT_FOUND');
    // public-security's officer cannot decide natural-resources' part.
    expect(await refused(approveApplication(deps, PS_OFFICER, app.id, 'natural-resources'))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    // Acting for both, an officer must name the provider.
    expect((await refused(approveApplication(deps, TWO_HATS, app.id, null))).code).toBe('BAD_USER_INPUT');
    // A provider the application asks nothing of.
    expect((await refused(approveApplication(deps, PS_OFFICER, app.id, 'market-regulation'))).code).toBe('BAD_USER_INPUT');
    expect((await reviews(app.id)).map((r) => r.status)).toEqual(['PENDING', 'PENDING']);
    expect(await events(app.id)).toHaveLength(1);
  });

  it('refuses a decision that would widen what was applied for, and writes nothing', async () => {
    at('2026-11-23T09:30:00+08:00');
    const bad = (decision: Record<string, unknown>) => refused(approveApplication(deps, PS_OFFICER, app.id, 'public-security', decision));
    expect((await bad({ jurisdiction: '320000' })).code).toBe('BAD_USER_INPUT'); // 江苏省 ⊄ 南京市
    expect((await bad({ jurisdiction: '330100' })).code).toBe('BAD_USER_INPUT'); // 杭州市
    // Well-formed, inside 南京市 by its digits, but no division the platform's code table holds.
    expect(await bad({ jurisdiction: '320199' })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'decision.jurisdiction' });
    expect(await bad({ jurisdiction: '320102999' })).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'decision.jurisdiction' });
    expect((await bad({ validUntil: '2027-11-20' })).code).toBe('BAD_USER_INPUT'); // one day beyond what was applied for
    expect((await bad({ validUntil: '2026-11-23' })).code).toBe('BAD_USER_INPUT'); // not after today
    expect((await bad({ validUntil: '2027-02-30' })).code).toBe('BAD_USER_INPUT');
    expect((await bad({ fields: ['RealEstateRight.holder'] })).code).toBe('BAD_USER_INPUT'); // natural-resources' share
    expect((await bad({ fields: ['Person.name'] })).code).toBe('BAD_USER_INPUT'); // not conditional
    expect((await bad({ fields: [] })).code).toBe('BAD_USER_INPUT'); // reject instead
    expect((await bad({ fields: ['Person.maritalStatus'], unmasked: ['Person.phone'] })).code).toBe('BAD_USER_INPUT'); // unmask a field not approved
    expect((await refused(rejectApplication(deps, PS_OFFICER, app.id, 'public-security', '  '))).code).toBe('BAD_USER_INPUT');
    expect((await reviews(app.id)).map((r) => r.status)).toEqual(['PENDING', 'PENDING']);
    expect(await events(app.id)).toHaveLength(1);
  });

  it('public-security approves a narrowed part (fewer fields, 玄武区 within 南京市, a shorter validity): still PENDING, no grant yet', async () => {
    at('2026-11-23T09:30:00+08:00');
    const after = await approveApplication(deps, PS_OFFICER, app.id, 'public-security', {
      fields: ['Person.phone'],
      jurisdiction: '320102',
      validUntil: '2027-05-31',
      note: '仅限玄武区试点',
    });
    expect(after.status).toBe('PENDING');
    expect(after.grant_id).toBeNull();
    expect(grantsChanged).not.toHaveBeenCalled();
    const ps = (await reviews(app.id)).find((r) => r.provider === 'public-security')!;
    expect(ps).toMatchObject({
      status: 'APPROVED',
      fields: ['Person.maritalStatus', 'Person.phone'],
      approved_fields: ['Person.phone'],
      unmasked: ['Person.phone'],
      jurisdiction: '320102',
      valid_until: '2027-05-31',
      decided_by: 'ga-aq-0001',
    });
    expect(iso(ps.decided_at)).toBe(clock.toISOString());
    expect((await appRow(app.id)).status).toBe('PENDING');
  });

  it('deciding the same part twice is a CONFLICT', async () => {
    expect((await refused(approveApplication(deps, PS_OFFICER, app.id, 'public-security'))).code).toBe('CONFLICT');
    expect((await refused(approveApplication(deps, PS_OFFICER, app.id, null))).code).toBe('CONFLICT');
    expect((await refused(rejectApplication(deps, PS_OFFICER, app.id, 'public-security', '改为驳回'))).code).toBe('CONFLICT');
  });

  it('natural-resources rejects its part with a reason: PARTIALLY_APPROVED and one grant with only the approved, narrowed part', async () => {
    at('2026-11-24T10:00:00+08:00');
    const grantsBefore = await count('sharing_grant');
    const after = await rejectApplication(deps, NR_OFFICER, app.id, null, '不动产登记信息不属于本次核对所必需');
    expect(after.status).toBe('PARTIALLY_APPROVED');
    expect(after.grant_id).toMatch(/^G-2026-\d{6}$/);
    expect(grantsChanged).toHaveBeenCalledTimes(1);
    expect(await count('sharing_grant')).toBe(grantsBefore + 1);

    const nr = (await reviews(app.id)).find((r) => r.provider === 'natural-resources')!;
    expect(nr).toMatchObject({ status: 'REJECTED', approved_fields: null, decided_by: 'zr-aq-0001', reason: '不动产登记信息不属于本次核对所必需' });

    const row = await appRow(app.id);
    expect(row.status).toBe('PARTIALLY_APPROVED');
    expect(row.grant_id).toBe(after.grant_id);
    expect(iso(row.decided_at)).toBe(clock.toISOString());

    const grant = await grantRow(after.grant_id!);
    expect(grant).toMatchObject({
      application_id: app.id,
      consumer: 'civil-affairs',
      purpose: 'dibao-verification',
      fields: ['Person.phone'],
      unmasked: ['Person.phone'],
      jurisdiction: '320102',
      valid_from: '2026-11-24',
      valid_until: '2027-05-31',
      revoked_at: null,
    });
    expect(grant.approved_by).toContain('ga-aq-0001');
    expect(grant.approved_by).not.toContain('zr-aq-0001');
  });

  it('a decided application cannot be decided, nor withdrawn', async () => {
    expect((await refused(approveApplication(deps, NR_OFFICER, app.id, 'natural-resources'))).code).toBe('CONFLICT');
    expect((await refused(withdrawApplication(deps, CONSUMER, app.id, '不再需要'))).code).toBe('CONFLICT');
  });

  it('the grant can be revoked once, by the provider\'s officer; not by another consumer; a file grant is revoked in its file', async () => {
    const { grant_id } = await appRow(app.id);
    at('2026-11-25T15:00:00+08:00');
    expect(await refused(revokeGrant(deps, TAX, grant_id!, '越权'))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    expect(await refused(revokeGrant(deps, MR_OFFICER, grant_id!, '越权'))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    expect((await refused(revokeGrant(deps, PS_OFFICER, grant_id!, ' '))).code).toBe('BAD_USER_INPUT');
    expect((await refused(revokeGrant(deps, PS_OFFICER, 'G-2026-999999', '不存在'))).code).toBe('NOT_FOUND');
    expect((await refused(revokeGrant(deps, PS_OFFICER, 'G-DEMO-0001', '演示授权'))).code).toBe('CONFLICT');
    expect((await grantRow(grant_id!)).revoked_at).toBeNull();
    expect(grantsChanged).not.toHaveBeenCalled();

    await revokeGrant(deps, PS_OFFICER, grant_id!, '试点结束');
    expect(grantsChanged).toHaveBeenCalledTimes(1);
    const grant = await grantRow(grant_id!);
    expect(iso(grant.revoked_at)).toBe(clock.toISOString());
    expect(grant.revoked_by).toContain('ga-aq-0001');
    expect(grant.revoke_reason).toBe('试点结束');
    expect((await refused(revokeGrant(deps, PS_OFFICER, grant_id!, '再次撤销'))).code).toBe('CONFLICT');
  });

  it('every state change left an event with actor, department and time', async () => {
    expect(await history(app.id)).toEqual([
      ['submitted', 'mz-sj-0001', 'civil-affairs', new Date(submittedAt).toISOString()],
      ['approved', 'ga-aq-0001', 'public-security', new Date('2026-11-23T09:30:00+08:00').toISOString()],
      ['rejected', 'zr-aq-0001', 'natural-resources', new Date('2026-11-24T10:00:00+08:00').toISOString()],
      ['granted', 'zr-aq-0001', 'natural-resources', new Date('2026-11-24T10:00:00+08:00').toISOString()],
      ['revoked', 'ga-aq-0001', 'public-security', new Date('2026-11-25T15:00:00+08:00').toISOString()],
    ]);
  });
});

describe('other outcomes', () => {
  it('every provider approves (one by provider:<dept> role): APPROVED, and the grant unites the parts under the narrowest terms', async () => {
    at('2026-11-20T10:00:00+08:00');
    const app = await submit({ fields: ['Person.phone', 'RealEstateRight.certificateNo', 'RealEstateRight.holderName'], unmasked: ['Person.phone', 'RealEstateRight.holderName'], validUntil: '2027-11-19' });
    at('2026-11-23T10:00:00+08:00');
    expect((await approveApplication(deps, PS_OFFICER, app.id, null)).status).toBe('PENDING');
    at('2026-11-24T10:00:00+08:00');
    const done = await approveApplication(deps, NR_BY_ROLE, app.id, null, { unmasked: [], validUntil: '2027-06-30' });
    expect(done.status).toBe('APPROVED');
    expect(grantsChanged).toHaveBeenCalledTimes(1);
    const grant = await grantRow(done.grant_id!);
    expect(grant).toMatchObject({
      fields: ['Person.phone', 'RealEstateRight.certificateNo', 'RealEstateRight.holderName'],
      unmasked: ['Person.phone'],
      jurisdiction: '320100',
      valid_from: '2026-11-24',
      valid_until: '2027-06-30',
    });
    expect(grant.approved_by).toContain('ga-aq-0001');
    expect(grant.approved_by).toContain('bdc-aq-0001');
    expect((await history(app.id)).map(([action, actor, dept]) => [action, actor, dept])).toEqual([
      ['submitted', 'mz-sj-0001', 'civil-affairs'],
      ['approved', 'ga-aq-0001', 'public-security'],
      ['approved', 'bdc-aq-0001', 'real-estate-center'],
      ['granted', 'bdc-aq-0001', 'real-estate-center'],
    ]);
  });

  it('approvals whose jurisdictions do not nest are refused (one grant has one jurisdiction)', async () => {
    at('2026-11-20T10:00:00+08:00');
    const app = await submit({ fields: ['Person.phone', 'RealEstateRight.certificateNo'] });
    await approveApplication(deps, PS_OFFICER, app.id, null, { jurisdiction: '320102' });
    expect((await refused(approveApplication(deps, NR_OFFICER, app.id, null, { jurisdiction: '320115' }))).code).toBe('BAD_USER_INPUT');
    // Nested the other way is fine: the narrower one binds the grant.
    const done = await approveApplication(deps, NR_OFFICER, app.id, null, { jurisdiction: '320100' });
    expect((await grantRow(done.grant_id!)).jurisdiction).toBe('320102');
  });

  it('every provider rejects: REJECTED, no grant', async () => {
    at('2026-11-20T10:00:00+08:00');
    const app = await submit({ fields: ['Person.phone', 'Person.shareholdings'] });
    expect((await reviews(app.id)).map((r) => r.provider)).toEqual(['market-regulation', 'public-security']);
    const grantsBefore = await count('sharing_grant');
    at('2026-11-23T10:00:00+08:00');
    expect((await rejectApplication(deps, PS_OFFICER, app.id, null, '用途与所需字段不符')).status).toBe('PENDING');
    // The wrong provider's officer cannot decide the other part, even though it may see the application.
    expect(await refused(rejectApplication(deps, MR_OFFICER, app.id, 'public-security', '越权'))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    const done = await rejectApplication(deps, MR_OFFICER, app.id, 'market-regulation', '投资信息不属于核对范围');
    expect(done.status).toBe('REJECTED');
    expect(done.grant_id).toBeNull();
    expect(grantsChanged).not.toHaveBeenCalled();
    expect(await count('sharing_grant')).toBe(grantsBefore);
    const row = await appRow(app.id);
    expect(row.status).toBe('REJECTED');
    expect(row.grant_id).toBeNull();
    expect(iso(row.decided_at)).toBe(clock.toISOString());
    expect((await reviews(app.id)).map((r) => [r.provider, r.status, r.reason])).toEqual([
      ['market-regulation', 'REJECTED', '投资信息不属于核对范围'],
      ['public-security', 'REJECTED', '用途与所需字段不符'],
    ]);
    expect((await history(app.id)).map(([action, actor]) => [action, actor])).toEqual([
      ['submitted', 'mz-sj-0001'],
      ['rejected', 'ga-aq-0001'],
      ['rejected', 'sj-aq-0001'],
      ['closed', 'sj-aq-0001'],
    ]);
  });

  it('the consumer withdraws a pending application; it cannot then be decided or withdrawn again', async () => {
    at('2026-11-20T10:00:00+08:00');
    const app = await submit();
    at('2026-11-23T11:00:00+08:00');
    // Another consumer department does not see it at all; provider staff see it but may not withdraw it.
    expect((await refused(withdrawApplication(deps, TAX, app.id, '越权'))).code).toBe('NOT_FOUND');
    expect(await refused(withdrawApplication(deps, PS_CONSUMER, app.id, '越权'))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    const after = await withdrawApplication(deps, CONSUMER, app.id, '已通过其他渠道核实');
    expect(after.status).toBe('WITHDRAWN');
    const row = await appRow(app.id);
    expect(row.status).toBe('WITHDRAWN');
    expect(iso(row.decided_at)).toBe(clock.toISOString());
    expect((await refused(approveApplication(deps, PS_OFFICER, app.id, null))).code).toBe('CONFLICT');
    expect((await refused(rejectApplication(deps, PS_OFFICER, app.id, null, '已撤回'))).code).toBe('CONFLICT');
    expect((await refused(withdrawApplication(deps, CONSUMER, app.id))).code).toBe('CONFLICT');
    // Nothing waits for public-security any more; it did not decide, so no one is named as deciding.
    expect((await reviews(app.id)).map((r) => [r.provider, r.status, r.decided_by, r.decided_at])).toEqual([['public-security', 'WITHDRAWN', null, null]]);
    const ev = await events(app.id);
    expect(ev.map((e) => [e.action, e.actor, e.actor_dept, iso(e.at), e.note])).toEqual([
      ['submitted', 'mz-sj-0001', 'civil-affairs', new Date('2026-11-20T10:00:00+08:00').toISOString(), expect.anything()],
      ['withdrawn', 'mz-sj-0001', 'civil-affairs', new Date('2026-11-23T11:00:00+08:00').toISOString(), '已通过其他渠道核实'],
    ]);
  });

  it('a withdrawal closes the parts still waiting and keeps decided ones; no provider counts it as waiting, overdue or answered', async () => {
    // Submitted Monday 2026-03-02 to two providers → due Monday 2026-03-16 (no holidays); public-security answers at once.
    at('2026-03-02T09:00:00+08:00');
    const app = await submit({ purpose: 'withdrawal-check', fields: ['Person.phone', 'RealEstateRight.*'], unmasked: [] });
    at('2026-03-03T09:00:00+08:00');
    await approveApplication(deps, PS_OFFICER, app.id, 'public-security');
    const window: [Date, Date] = [new Date('2026-03-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z')];
    const now = new Date('2026-03-20T09:00:00+08:00'); // after the due date
    const stats = async () => Object.fromEntries((await providerStatistics(t.db.knex, ['natural-resources', 'public-security'], PLAIN, ...window, now)).map((s) => [s.provider, s]));
    const listed = async (who: Requester, args: Record<string, unknown>) => {
      const ctx = { db: t.db, policyScope: { requester: who, policy: store.current }, loaders: { calendar: () => PLAIN } };
      const list = Query.applications as unknown as (p: unknown, a: Record<string, unknown>, c: unknown, i: unknown) => Promise<Array<{ id: string }>>;
      return (await list({}, args, ctx, {})).map((a) => a.id);
    };
    const before = await stats();
    expect(await listed(NR_OFFICER, { status: 'PENDING', provider: 'natural-resources' })).toContain(app.id);

    at('2026-03-05T09:00:00+08:00');
    await withdrawApplication(deps, CONSUMER, app.id, '不再需要');
    expect((await reviews(app.id)).map((r) => [r.provider, r.status])).toEqual([
      ['natural-resources', 'WITHDRAWN'],
      ['public-security', 'APPROVED'],
    ]);
    const after = await stats();
    expect(after['natural-resources'].pendingApplications).toBe(before['natural-resources'].pendingApplications - 1);
    expect(after['natural-resources'].overdueApplications).toBe(before['natural-resources'].overdueApplications - 1);
    // A withdrawal is not natural-resources' answer; public-security's answer still counts.
    expect(after['natural-resources'].averageApplicationWorkingDays).toBe(before['natural-resources'].averageApplicationWorkingDays);
    expect(after['public-security'].averageApplicationWorkingDays).toBe(before['public-security'].averageApplicationWorkingDays);
    expect(await listed(NR_OFFICER, { status: 'PENDING', provider: 'natural-resources' })).not.toContain(app.id);
    expect(await listed(NR_OFFICER, { overdue: true })).not.toContain(app.id);
    expect(await listed(NR_OFFICER, { provider: 'natural-resources' })).toContain(app.id); // still in its history, as WITHDRAWN

    // A database written before withdrawals closed reviews is put right when the schema is migrated.
    await t.db.knex('application_review').where({ application_id: app.id, provider: 'natural-resources' }).update({ status: 'PENDING' });
    await sharing.legacyDb.migrate(t.db);
    expect((await reviews(app.id)).map((r) => [r.provider, r.status])).toEqual([
      ['natural-resources', 'WITHDRAWN'],
      ['public-security', 'APPROVED'],
    ]);
  });

  it('an unknown application is NOT_FOUND for every action', async () => {
    expect((await refused(approveApplication(deps, PS_OFFICER, 'A-2026-999999', null))).code).toBe('NOT_FOUND');
    expect((await refused(rejectApplication(deps, PS_OFFICER, 'A-2026-999999', null, '无'))).code).toBe('NOT_FOUND');
    expect((await refused(withdrawApplication(deps, CONSUMER, 'A-2026-999999'))).code).toBe('NOT_FOUND');
  });
});

// ---- input checks --------------------------------------------------------------------------

describe('submitting bad input', () => {
  beforeEach(() => at('2026-11-20T10:00:00+08:00'));

  it.each<[string, Partial<ApplicationInput>]>([
    ['an unconditional field (no application needed)', { fields: ['Person.name'], unmasked: [] }],
    ['a not-shared field (cannot be granted)', { fields: ['Person.caseFlags'], unmasked: [] }],
    ['an unknown field', { fields: ['Person.shoeSize'], unmasked: [] }],
    ['something that is not Type.field', { fields: ['phone'], unmasked: [] }],
    ['a type with no conditional fields', { fields: ['AdminDivision.*'], unmasked: [] }],
    ['no fields', { fields: [], unmasked: [] }],
    ['unmasking a field not applied for', { fields: ['Person.maritalStatus'], unmasked: ['Person.phone'] }],
    ['unmasking a field that has no mask', { fields: ['Person.maritalStatus'], unmasked: ['Person.maritalStatus'] }],
    ['an empty purpose', { purpose: '  ' }],
    ['a purpose over two lines (it travels as a header)', { purpose: 'dibao\nverification' }],
    ['an empty justification', { justification: '' }],
    ['a malformed jurisdiction', { jurisdiction: '3201' }],
    ['a well-formed jurisdiction the platform does not serve', { jurisdiction: '110101' }],
    ['a township code the platform does not serve', { jurisdiction: '320102999' }],
    ['a validity in the past', { validUntil: '2026-11-01' }],
    ['a validity beyond three years', { validUntil: '2030-01-01' }],
    ['an impossible date', { validUntil: '2027-02-30' }],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, over) => {
    const before = [await count('grant_application'), await count('application_review'), await count('application_event')];
    expect((await refused(submit(over))).code).toBe('BAD_USER_INPUT');
    expect([await count('grant_application'), await count('application_review'), await count('application_event')]).toEqual(before);
  });

  it('reads Type.* in unmasked as every masked field of that type among the fields, in submissions and decisions', async () => {
    const app = await submit({ fields: ['RealEstateRight.*', 'Person.phone'], unmasked: ['RealEstateRight.*'] });
    // Of RealEstateRight's conditional fields only holderName has a mask; the others are shown in full anyway.
    expect(app.unmasked).toEqual(['RealEstateRight.holderName']);
    expect((await refused(submit({ fields: ['Person.maritalStatus'], unmasked: ['Person.*'] }))).code).toBe('BAD_USER_INPUT');
    const decided = await approveApplication(deps, NR_OFFICER, app.id, null, { unmasked: ['RealEstateRight.*'] });
    expect(decided.status).toBe('PENDING'); // public-security has not answered yet
    const [review] = (await reviews(app.id)).filter((r) => r.provider === 'natural-resources');
    expect(review.unmasked).toEqual(['RealEstateRight.holderName']);
  });

  it('names input.jurisdiction when an unknown division is the only problem, also when it is the default from the token', async () => {
    expect(await refused(submit({ jurisdiction: '320199' }))).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.jurisdiction' });
    const elsewhere: Requester = { ...CONSUMER, division: '110101' };
    expect(await refused(submit({ jurisdiction: undefined }, elsewhere))).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.jurisdiction' });
    // Every division the platform serves is accepted, down to the streets.
    for (const code of ['320000', '320100', '320115', '320115002']) expect((await submit({ jurisdiction: code })).jurisdiction).toBe(code);
  });

  it('lists every problem of one input at once', async () => {
    const { code, message } = await refused(
      submit({ purpose: '', justification: '', fields: ['Person.name', 'Person.caseFlags', 'Person.shoeSize', 'Person.phone'], unmasked: ['Person.maritalStatus'] }),
    );
    expect(code).toBe('BAD_USER_INPUT');
    // The offending items are named (identifiers, not wording).
    for (const item of ['purpose', 'justification', 'Person.name', 'Person.caseFlags', 'Person.shoeSize', 'Person.maritalStatus']) expect(message).toContain(item);
  });
});

// ---- grants reach a policy engine that only polls ------------------------------------------

describe('a grant in another process', () => {
  let other: Database;
  let source: DatabaseGrantSource;
  let remote: PolicyStore;
  beforeAll(async () => {
    // On a real server a second pool stands in for a second process; PGlite has one connection.
    other = t.url ? connectServer(t.url) : t.db;
    source = await DatabaseGrantSource.open(other, rootLogger.child({ service: 'test-grants' }), grantIntegrity);
    remote = PolicyStore.open(REPO_POLICIES);
    remote.addGrantSource(source);
  });
  afterAll(async () => {
    source?.close();
    remote?.close();
    if (other && other !== t.db) await other.close();
  });

  async function within(ms: number, probe: () => boolean): Promise<number> {
    const started = Date.now();
    for (;;) {
      if (probe()) return Date.now() - started;
      if (Date.now() - started > ms) throw new Error(`not in effect after ${ms} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('is honoured within 2 s of approval and refused within 2 s of revocation, without being told', async () => {
    at('2026-11-20T10:00:00+08:00');
    const app = await submitApplication(deps, TAX, { ...INPUT, purpose: 'tax-audit', jurisdiction: null });
    const reader = { ...TAX, purpose: 'tax-audit' };
    at('2026-11-23T10:00:00+08:00');
    const { grant_id } = await approveApplication(deps, PS_OFFICER, app.id, null);
    const who = { ...reader, grantId: grant_id! };
    const tookApprove = await within(2000, () => grantStatus(remote.current, who, clock).state === 'valid');
    expect(tookApprove).toBeLessThan(2000);
    expect(remote.current.grants.get(grant_id!)).toMatchObject({ consumer: 'tax', purpose: 'tax-audit', jurisdiction: '320115', fields: ['Person.phone'], unmasked: ['Person.phone'] });
    expect(grantStatus(remote.current, { ...who, purpose: 'other' }, clock)).toEqual({ state: 'invalid', reason: 'PURPOSE_MISMATCH' });

    at('2026-11-24T10:00:00+08:00');
    await revokeGrant(deps, TAX, grant_id!, '稽查结束，主动放弃'); // the holder may give its grant up
    const tookRevoke = await within(2000, () => {
      const s = grantStatus(remote.current, who, clock);
      return s.state === 'invalid' && s.reason === 'GRANT_EXPIRED';
    });
    expect(tookRevoke).toBeLessThan(2000);
    expect((await history(app.id)).map(([action, actor, dept]) => [action, actor, dept])).toEqual([
      ['submitted', 'sw-jn-0101', 'tax'],
      ['approved', 'ga-aq-0001', 'public-security'],
      ['granted', 'ga-aq-0001', 'public-security'],
      ['revoked', 'sw-jn-0101', 'tax'],
    ]);
  });
});

// ---- statistics ----------------------------------------------------------------------------

describe('answer times in the statistics', () => {
  it('counts working days to a decision (across 端午) and hours to a resolved report, in the window', async () => {
    calendar = REAL;
    // Thursday 2026-06-18; 端午 6-19…21; public-security decides Monday 06-22 (1 working day),
    // natural-resources Wednesday 06-24 (3 working days).
    at('2026-06-18T10:00:00+08:00');
    const app = await submit({ fields: ['Person.phone', 'RealEstateRight.certificateNo'] });
    at('2026-06-22T10:00:00+08:00');
    await approveApplication(deps, PS_OFFICER, app.id, null);
    at('2026-06-24T10:00:00+08:00');
    await rejectApplication(deps, NR_OFFICER, app.id, null, '不需要');

    at('2026-06-18T10:00:00+08:00');
    const policy = store.current;
    const reporter = { ...CONSUMER, user: 'mz-sj-0002' };
    const fixed = await reportDataIssue(t.db.knex, policy, reporter, 'Person.registeredAddress', '320102198001011238', '户籍地址门牌号有误', clock);
    expect(fixed).toMatchObject({ provider: 'public-security', status: 'OPEN', reporter_dept: 'civil-affairs' });
    await resolveDataIssue(t.db.knex, PS_STAFF, fixed.id, 'CORRECTED', '已更正门牌号', new Date('2026-06-18T15:30:00+08:00'));
    const openBefore = (await providerStatistics(t.db.knex, ['public-security'], REAL, new Date('2026-06-01T00:00:00Z'), new Date('2026-07-01T00:00:00Z'), clock))[0].openDataIssues;
    await reportDataIssue(t.db.knex, policy, reporter, 'Person.phone', '320102198203152469', '号码已停机', clock);

    const [nr, ps] = await providerStatistics(t.db.knex, ['natural-resources', 'public-security'], REAL, new Date('2026-06-01T00:00:00Z'), new Date('2026-07-01T00:00:00Z'), new Date('2026-06-30T00:00:00Z'));
    expect(ps).toMatchObject({ provider: 'public-security', averageApplicationWorkingDays: 1, resolvedDataIssues: 1, averageDataIssueHours: 5.5, openDataIssues: openBefore + 1 });
    expect(nr).toMatchObject({ provider: 'natural-resources', averageApplicationWorkingDays: 3, resolvedDataIssues: 0, averageDataIssueHours: null });
  });
});

// ---- the whole history ---------------------------------------------------------------------

describe('the history', () => {
  it('every application has its submission, and every decided one an event at its decision time, each with actor, department and time', async () => {
    const apps = await t.db.knex<ApplicationRow>('grant_application');
    const all = await t.db.knex<EventRow>('application_event').orderBy('id');
    expect(apps.length).toBeGreaterThan(10);
    for (const e of all) {
      expect(e.actor).toMatch(/\S/);
      expect(e.actor_dept).toMatch(/\S/);
      expect(Number.isNaN(new Date(e.at).getTime())).toBe(false);
    }
    for (const a of apps) {
      const mine = all.filter((e) => e.application_id === a.id);
      expect(mine[0]).toMatchObject({ action: 'submitted', actor: a.submitted_by, actor_dept: a.consumer });
      expect(iso(mine[0].at)).toBe(iso(a.submitted_at));
      if (a.status !== 'PENDING') expect(mine.some((e) => iso(e.at) === iso(a.decided_at))).toBe(true);
      const parts = await reviews(a.id);
      for (const r of parts.filter((r) => r.status === 'APPROVED' || r.status === 'REJECTED')) {
        expect(mine.some((e) => e.action === r.status.toLowerCase() && e.actor === r.decided_by && iso(e.at) === iso(r.decided_at))).toBe(true);
      }
      // A part the provider never decided: waiting while the application is, closed by its withdrawal.
      for (const r of parts.filter((r) => r.status === 'PENDING' || r.status === 'WITHDRAWN')) {
        expect([r.status, r.decided_by, r.decided_at]).toEqual([a.status === 'WITHDRAWN' ? 'WITHDRAWN' : 'PENDING', null, null]);
      }
    }
  });
});

// ---- data-quality reports under concurrency ------------------------------------------------

describe('answering a report twice at once', () => {
  it('acknowledges and resolves it exactly once; the other call is a CONFLICT', async () => {
    at('2026-11-20T10:00:00+08:00');
    const issue = await reportDataIssue(t.db.knex, store.current, CONSUMER, 'Person.registeredAddress', '320102198001011238', '门牌号有误', clock);
    const staff2 = { ...PS_STAFF, user: 'ga-0009' };
    const acks = await Promise.allSettled([
      acknowledgeDataIssue(t.db.knex, PS_STAFF, issue.id, '核查中', new Date('2026-11-20T11:00:00+08:00')),
      acknowledgeDataIssue(t.db.knex, staff2, issue.id, '核查中', new Date('2026-11-20T11:00:01+08:00')),
    ]);
    expect(acks.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const ackRefusal = acks.find((r): r is PromiseRejectedResult => r.status === 'rejected')!.reason as GraphQLError;
    expect(ackRefusal.extensions?.code).toBe('CONFLICT');
    const ackWinner = acks.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ acknowledged_by: string | null }>;
    const stored = await t.db.knex('data_issue').where({ id: issue.id }).first();
    expect(stored.acknowledged_by).toBe(ackWinner.value.acknowledged_by);

    const resolutions = await Promise.allSettled([
      resolveDataIssue(t.db.knex, PS_STAFF, issue.id, 'CORRECTED', '已更正', new Date('2026-11-20T15:00:00+08:00')),
      resolveDataIssue(t.db.knex, staff2, issue.id, 'NO_ERROR_FOUND', '经核查无误', new Date('2026-11-20T15:00:01+08:00')),
    ]);
    expect(resolutions.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(((resolutions.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as GraphQLError).extensions?.code).toBe('CONFLICT');
    const winner = resolutions.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ outcome: string | null; resolved_by: string | null }>;
    const resolved = await t.db.knex('data_issue').where({ id: issue.id }).first();
    expect([resolved.status, resolved.outcome, resolved.resolved_by]).toEqual(['RESOLVED', winner.value.outcome, winner.value.resolved_by]);
  });
});
