/**
 * No N+1 anywhere: the same federated operation over 50 and over 500 persons must cost the
 * same number of SQL statements in every department (DataLoader batching per request,
 * one query per table per `_entities` call) — and the same number of access-log records:
 * one per subgraph call that touched personal data, whatever the number of persons.
 */
import { randomUUID } from 'node:crypto';
import { sharedTestStack, TestStack } from '../support/stack';
import { testWorld } from '../support/databases';

const OPERATION = `query Batch($ids: [ID!]!) {
  persons(idNumbers: $ids) {
    name gender residenceDivision { name }
    household { number members { relationToHead person { name } } }
    legalRepresentativeOf { name status shareholders { holder { __typename ... on Person { name } } } }
    shareholdings { subscribedCapital company { name } }
    realEstateRights { certificateNo parcel { code division { name } } encumbrances { kind } }
    socialInsurance { insuranceType status employer { name insuredEmployees } monthlyContributionBase paidMonths lastPaidMonth }
  }
}`;

let stack: TestStack;
beforeAll(async () => {
  stack = await sharedTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function costOf(n: number) {
  const ids = testWorld().persons.slice(0, n).map((p) => p.idNumber);
  const requestId = `batch-${n}-${randomUUID()}`;
  const { result, sql } = await stack.recordSql(() => stack.query(OPERATION, { ids }, { 'x-request-id': requestId }));
  expect(result.errors).toBeUndefined();
  expect(result.data!.persons).toHaveLength(n);
  // The platform database also serves grant polling on a timer: its statements are not the
  // departments' cost. What the request costs it is counted as records, below.
  const { sharing: _platform, ...departments } = sql;
  const statements = Object.fromEntries(Object.entries(departments).map(([name, list]) => [name, list.length]));
  const records = await stack.databases.get('sharing')!.db.knex('access_log').where({ request_id: requestId }).select('writer').orderBy('writer');
  return { statements, records: records.map((r: { writer: string }) => r.writer) };
}

it('emits the same SQL statement count per department, and the same access records, for 50 and for 500 persons', async () => {
  const small = await costOf(50);
  const large = await costOf(500);
  expect(large).toEqual(small);
  // Sanity: every department was really asked, and logged what it released.
  expect(Object.keys(small.statements).sort()).toEqual(['geospatial', 'legal-person', 'population', 'social-security']);
  for (const count of Object.values(small.statements)) expect(count).toBeGreaterThan(0);
  expect(new Set(small.records)).toEqual(new Set(['geospatial', 'legal-person', 'population', 'social-security']));
  // social-security: the persons' enrolments (with their last month paid) in one statement,
  // their employers' insured counts in another.
  expect(small.statements['social-security']).toBe(2);
});
