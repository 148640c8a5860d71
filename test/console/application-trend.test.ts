/**
 * `applicationTrend` (sharing subgraph): applications by state per day, for the console's 统计
 * chart — submissions, withdrawals and the pending count move as the workflow does, only the
 * applications the caller may see are counted, and bad ranges are refused.
 */
import { startTestStack, type TestStack } from '../support/stack';
import { codes } from '../support/http';
import { PEOPLE } from '../support/security';
import type { Requester } from '../../lib/identity';

const TREND = `query Trend($from: Date, $to: Date) { applicationTrend(from: $from, to: $to) { date submitted approved partiallyApproved rejected withdrawn pending } }`;
const SUBMIT = `mutation Submit($input: ApplicationInput!) { submitApplication(input: $input) { id } }`;
const PLATFORM: Requester = { user: 'dsj-aq-01', dept: 'big-data-center', division: '320100', roles: ['security-officer'] };
const PS_OFFICER: Requester = { user: 'ga-aq-01', dept: 'public-security', division: '320100', roles: ['security-officer'] };
const GEO_OFFICER: Requester = { user: 'zr-aq-01', dept: 'natural-resources', division: '320100', roles: ['security-officer'] };

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

async function todayOf(who: Requester) {
  const res = await stack.queryAs(who, {}, TREND, { from: today(), to: today() });
  expect(res.errors).toBeUndefined();
  expect(res.data!.applicationTrend).toHaveLength(1);
  return res.data!.applicationTrend[0];
}

it('counts submissions, withdrawals and what is pending at the end of each day', async () => {
  const before = await todayOf(PLATFORM);
  const beforePs = await todayOf(PS_OFFICER);
  const beforeGeo = await todayOf(GEO_OFFICER);
  const ids: string[] = [];
  for (const justification of ['趋势统计测试一', '趋势统计测试二']) {
    const res = await stack.queryAs(PEOPLE.taxOfficer, {}, SUBMIT, { input: { purpose: 'tax-audit', justification, fields: ['Person.phone'] } });
    expect(res.errors).toBeUndefined();
    ids.push(res.data!.submitApplication.id);
  }
  const withdrawn = await stack.queryAs(PEOPLE.taxOfficer, {}, `mutation($id: ID!) { withdrawApplication(id: $id, reason: "测试撤回") { status } }`, { id: ids[0] });
  expect(withdrawn.data!.withdrawApplication.status).toBe('WITHDRAWN');

  const after = await todayOf(PLATFORM);
  expect(after).toEqual({ ...before, submitted: before.submitted + 2, withdrawn: before.withdrawn + 1, pending: before.pending + 1 });
  // Addressed to 公安局 (Person.phone is its field): its officer sees them; 自然资源局's does not.
  expect(await todayOf(PS_OFFICER)).toEqual({ ...beforePs, submitted: beforePs.submitted + 2, withdrawn: beforePs.withdrawn + 1, pending: beforePs.pending + 1 });
  expect(await todayOf(GEO_OFFICER)).toEqual(beforeGeo);
});

it('returns one entry per day of the range, 30 by default ending today', async () => {
  const res = await stack.queryAs(PLATFORM, {}, TREND, {});
  expect(res.errors).toBeUndefined();
  const days = res.data!.applicationTrend;
  expect(days).toHaveLength(30);
  expect(days[29].date).toBe(today());
  const week = (await stack.queryAs(PLATFORM, {}, TREND, { from: '2026-01-01', to: '2026-01-07' })).data!.applicationTrend;
  expect(week.map((d: { date: string }) => d.date)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05', '2026-01-06', '2026-01-07']);
});

it('refuses a reversed or too long range with BAD_USER_INPUT', async () => {
  for (const range of [{ from: '2026-02-01', to: '2026-01-01' }, { from: '2024-01-01', to: '2026-01-01' }]) {
    const res = await stack.queryAs(PLATFORM, {}, TREND, range);
    expect([codes(res), res.errors![0].extensions!.argumentName]).toEqual([['BAD_USER_INPUT'], 'from']);
  }
});
