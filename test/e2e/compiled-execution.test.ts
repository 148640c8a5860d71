/**
 * Compiled execution answers exactly as interpreted execution, through the whole federation as
 * deployed (lib/subgraph/compiledExecution.ts): each subgraph interprets a query the first time
 * it comes and compiles it from the second (GOVGRAPH_COMPILE_AFTER's default), so asking every
 * question twice compares the two — data and errors byte for byte — on the bench's workloads,
 * on answers the policy cuts (a denied field, jurisdiction, masking, sealed keys across
 * departments) and on a consumer that sees more.
 */
import '../../bench/quiet';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { subgraphs } from '../../subgraphs';
import { HeadWitness } from '../../lib/audit';
import type { Database } from '../../lib/db';
import { createSubgraphServer, type SubgraphServer } from '../../lib/subgraph/server';
import { startStack, type RunningStack } from '../../app/stack';
import { generateWorld, SHOWCASE, type World } from '../../lib/synthetic';
import { openBenchDatabases, type BenchDatabases } from '../../bench/federation';
import { workloads } from '../../bench/workloads';
import { testSecurity, PEOPLE, DIBAO, type TestSecurity } from '../support/security';
import { postGraphQL } from '../support/http';
import { flagshipQuery } from '../support/queries';

const world: World = generateWorld({ persons: 3000 });
let dbs: BenchDatabases;
let security: TestSecurity;
let stack: RunningStack;
let witnessDir: string;
const servers: SubgraphServer[] = [];

beforeAll(async () => {
  dbs = await openBenchDatabases(world);
  security = await testSecurity();
  witnessDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-compiled-'));
  stack = await startStack({
    subgraphs,
    databases: new Map([...dbs.databases].map(([name, t]) => [name, t.db] as [string, Database])),
    ports: () => 0,
    security,
    subgraphServer: async (...args) => {
      const server = await createSubgraphServer(...args);
      servers.push(server);
      return server;
    },
    auditWitness: await HeadWitness.open(witnessDir, security.auditKeys.key),
  });
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  security?.policy.close();
  await dbs?.drop();
  if (witnessDir) fs.rmSync(witnessDir, { recursive: true, force: true });
});

const compiledOperations = () => servers.reduce((n, s) => n + s.execution.size, 0);

/** A 江宁区 consumer: 玄武区 people lie outside its jurisdiction. */
const elsewhere = { ...PEOPLE.caseworker, user: 'mz-jn-0001', division: '320115' };

const asks: Array<{ name: string; identity: typeof PEOPLE.caseworker; opts: { purpose: string; grantId?: string }; query: string; variables?: Record<string, unknown> }> = [
  ...workloads.map((w) => ({ name: w.name, identity: PEOPLE.caseworker, opts: DIBAO, ...w.request(world) })),
  {
    name: 'no grant: the phone denied, the rest answered',
    identity: PEOPLE.caseworker,
    opts: { purpose: DIBAO.purpose },
    query: 'query P($id: ID!) { person(idNumber: $id) { name phone caseFlags household { number } } }',
    variables: { id: SHOWCASE.head },
  },
  {
    name: 'out of jurisdiction: shareholders withheld across legal-person and population',
    identity: elsewhere,
    opts: { purpose: DIBAO.purpose },
    query: '{ legalPersons(divisionCode: "320102", first: 20) { edges { node { name uscc shareholders { holder { ... on Person { name idNumber } } } } } } }',
  },
  { name: 'the flagship household query', identity: PEOPLE.caseworker, opts: DIBAO, query: flagshipQuery('Flagship', 'phone'), variables: { id: SHOWCASE.head } },
  { name: 'the flagship outside the jurisdiction', identity: elsewhere, opts: DIBAO, query: flagshipQuery('Flagship', 'phone'), variables: { id: SHOWCASE.head } },
];

describe('compiled execution answers as interpreted execution', () => {
  it('every question asked twice — interpreted, then compiled — gets the same bytes', async () => {
    expect(compiledOperations()).toBe(0);
    const first: string[] = [];
    for (const a of asks) {
      const res = await postGraphQL(stack.gatewayUrl, a.query, a.variables, await security.headers(a.identity, a.opts));
      expect({ name: a.name, data: res.data ? 'some' : res.data, errors: res.data ? undefined : res.errors }).toEqual({ name: a.name, data: 'some', errors: undefined });
      first.push(JSON.stringify({ data: res.data, errors: res.errors }));
    }
    // Several questions share subgraph queries (the same entity fetch), so some second runs happened already.
    const afterFirst = compiledOperations();
    for (const [i, a] of asks.entries()) {
      const res = await postGraphQL(stack.gatewayUrl, a.query, a.variables, await security.headers(a.identity, a.opts));
      expect({ name: a.name, answer: JSON.stringify({ data: res.data, errors: res.errors }) }).toEqual({ name: a.name, answer: first[i] });
    }
    expect(compiledOperations()).toBeGreaterThan(afterFirst);
    // Every subgraph that answered compiled what it was asked again.
    expect(servers.filter((s) => s.execution.size > 0).length).toBeGreaterThanOrEqual(3);
  });
});
