/**
 * No N+1 anywhere: the same federated operation over 50 and over 500 persons must cost the
 * same number of SQL statements in every department (DataLoader batching per request,
 * one query per table per `_entities` call).
 */
import { startTestStack, TestStack } from '../support/stack';
import { testWorld } from '../support/databases';

const OPERATION = `query Batch($ids: [ID!]!) {
  persons(idNumbers: $ids) {
    name gender residenceDivision { name }
    household { number members { relationToHead person { name } } }
    legalRepresentativeOf { name status shareholders { holder { __typename ... on Person { name } } } }
    shareholdings { subscribedCapital company { name } }
    realEstateRights { certificateNo parcel { code division { name } } encumbrances { kind } }
  }
}`;

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function sqlFor(n: number) {
  const ids = testWorld().persons.slice(0, n).map((p) => p.idNumber);
  const { result, sql } = await stack.recordSql(() => stack.query(OPERATION, { ids }));
  expect(result.errors).toBeUndefined();
  expect(result.data!.persons).toHaveLength(n);
  return Object.fromEntries(Object.entries(sql).map(([name, statements]) => [name, statements.length]));
}

it('emits the same SQL statement count per department for 50 and for 500 persons', async () => {
  const small = await sqlFor(50);
  const large = await sqlFor(500);
  expect(large).toEqual(small);
  // Sanity: every department was really asked.
  for (const count of Object.values(small)) expect(count).toBeGreaterThan(0);
});
