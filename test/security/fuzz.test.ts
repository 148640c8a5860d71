/**
 * Fuzzing the gateway through the whole running federation: thousands of generated requests —
 * valid operations from the API schema with random selections and arguments (real keys,
 * checksum-valid and checksum-failing IDs, injection strings), damaged documents, bodies of
 * the wrong shape — from many identities, some concurrently. Whatever arrives:
 *
 * - no 5xx, every response is JSON, every error has a registered `extensions.code`;
 * - no unexpected failure (INTERNAL_SERVER_ERROR, or a subgraph's, DOWNSTREAM_SERVICE_ERROR):
 *   bad input gets a clear error, never a masked crash;
 * - no stack trace, file path or driver message in any response;
 * - no personal data without its access record: every personal value a response carries
 *   (by the sharing policy's `personal` flag) is in a record of that request's id that
 *   released it (`full` or `masked`);
 * - every process still answers afterwards.
 *
 * Seeded (lib/synthetic/prng.ts): the seed is printed; GOVGRAPH_FUZZ_SEED=<seed> replays the
 * same requests (each finding names its request's index). GOVGRAPH_FUZZ_REQUESTS=<n> (default
 * 2,000) and GOVGRAPH_FUZZ_BUDGET_S=<s> (default 40) bound the run, so CI stays near a minute.
 */
import { randomInt } from 'node:crypto';
import { parse } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { sharedTestStack, type TestStack } from '../support/stack';
import { PEOPLE, DIBAO } from '../support/security';
import { testWorld } from '../support/databases';
import { DocumentFuzzer, poolsOf, type FuzzRequest } from '../support/documentFuzzer';
import { personalValues, type PersonalValue } from '../support/personalData';
import { readCommittedSupergraph } from '../../lib/supergraph';
import { ROOT } from '../../lib/config';
import { Prng } from '../../lib/synthetic/prng';
import { SHOWCASE } from '../../lib/synthetic';
import { ERROR_CODES } from '../../lib/errors';
import { parseEntryBody } from '../../lib/audit';
import { generateKeyPairInMemory, issueToken, type Requester } from '../../lib/identity';

const SEED = process.env.GOVGRAPH_FUZZ_SEED ? Number(process.env.GOVGRAPH_FUZZ_SEED) : randomInt(2 ** 31);
const REQUESTS = Number(process.env.GOVGRAPH_FUZZ_REQUESTS ?? 2_000);
/**
 * The sending phase stops after this many seconds even short of REQUESTS, so a busy CI machine
 * keeps the suite near a minute; the count sent is printed. @default 40
 */
const BUDGET_MS = Number(process.env.GOVGRAPH_FUZZ_BUDGET_S ?? 40) * 1000;
/** Requests in flight at once: enough to interleave requests in every subgraph and the log's group commit. */
const CONCURRENCY = 8;

const OFFICER: Requester = { user: 'dsj-aq-0001', dept: 'big-data-center', division: '320100', roles: ['security-officer'] };
const CITIZEN_CHANNEL: Requester = { user: 'portal-0001', dept: 'citizen-portal', division: '320100', roles: ['citizen-channel'], citizen: SHOWCASE.head };

/** Signatures of internals that must never reach a client (checked where the request did not send them itself). */
const LEAKS: Array<[string, RegExp]> = [
  ['stack frame', /\bat [\w.<>$ ]+ \(?[^)\s]*:\d+:\d+\)?/],
  ['file path', new RegExp(`${ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|node_modules|/usr/lib|\\.ts:\\d+`)],
  ['driver message', /ECONNREFUSED|syntax error at or near|ER_PARSE_ERROR|ER_BAD_FIELD|relation "|column "|violates|duplicate key|knex|PGlite|pg_catalog/i],
];

let stack: TestStack;
const apiSchema = Supergraph.build(readCommittedSupergraph()).apiSchema().toGraphQLJSSchema();

beforeAll(async () => {
  // Rate limits off: thousands of requests from a few users in a minute are the point here
  // (test/security/rate-limit.test.ts has the limits).
  stack = await sharedTestStack({ rateLimits: { userPerMinute: 0, departmentPerMinute: 0, grantPerDay: 0, authFailuresPerMinute: 0 } });
}, 300_000);
afterAll(async () => {
  await stack?.stop();
});

/** The header sets requests are sent with, by weight: mostly a consumer under a grant. */
async function headerChoices(): Promise<Array<readonly [Record<string, string>, number]>> {
  const s = stack.security;
  const stranger = await generateKeyPairInMemory();
  const base = { user: 'mz-xw-0007', dept: 'civil-affairs', division: '320102', roles: ['consumer'] };
  return [
    [await s.headers(PEOPLE.caseworker, DIBAO), 50],
    [await s.headers(PEOPLE.caseworker), 6],
    [await s.headers(PEOPLE.caseworker, { purpose: 'tax-audit', grantId: 'G-DEMO-0001' }), 4],
    [await s.headers(PEOPLE.taxOfficer, { purpose: 'tax-audit' }), 6],
    [await s.headers(PEOPLE.publicSecurity, { purpose: 'case-handling' }), 12],
    [await s.headers(PEOPLE.marketRegulation, { purpose: 'registration' }), 4],
    [await s.headers(PEOPLE.naturalResources, { purpose: 'registration' }), 3],
    [await s.headers(OFFICER), 5],
    [await s.headers(CITIZEN_CHANNEL), 3],
    [{ ...(await s.headers(PEOPLE.caseworker)), 'x-purpose': "'; DROP TABLE access_log; --", 'x-grant-id': "G-DEMO-0001' OR '1'='1" }, 3],
    [{}, 4],
    [{ authorization: `Bearer ${await issueToken(stranger, { ...base, ttlSeconds: 3600 })}` }, 2],
    [{ authorization: `Bearer ${await issueToken(s.issuer, { ...base, ttlSeconds: 60, issuedAt: Math.floor(Date.now() / 1000) - 3600 })}` }, 2],
    [{ authorization: `Bearer ${await issueToken(s.issuer, { ...base, ttlSeconds: 3600, audience: 'someone-else' })}` }, 1],
    [{ authorization: 'Bearer not.a.token' }, 1],
    [{ authorization: 'Basic YWRtaW46YWRtaW4=' }, 1],
  ];
}

interface Sent {
  index: number;
  request: FuzzRequest;
  requestId: string;
  status: number;
  body?: { data?: unknown; errors?: Array<{ extensions?: { code?: unknown } }> };
  personal: PersonalValue[];
  /** How long the answer took. */
  ms: number;
}

it(`answers up to ${REQUESTS} generated requests safely, and logs every personal value it releases`, async () => {
  const rng = new Prng(SEED);
  const fuzzer = new DocumentFuzzer(apiSchema, rng, poolsOf(testWorld()));
  const choices = await headerChoices();
  // Generated up front, in order, so the seed alone decides every request whatever the timing.
  const requests = Array.from({ length: REQUESTS }, (_, index) => ({ index, request: fuzzer.next(), headers: rng.weighted(choices) }));
  const policy = stack.security.policy.current;
  const isPersonal = (path: string) => policy.field(path)?.policy.personal === true;
  /** What went wrong → how often, and the first examples. */
  const findings = new Map<string, { count: number; examples: string[] }>();
  const find = (what: string, example: string) => {
    const f = findings.get(what) ?? { count: 0, examples: [] };
    f.count += 1;
    if (f.examples.length < 3) f.examples.push(example);
    findings.set(what, f);
  };
  const sent: Sent[] = [];
  const describe = (index: number, request: FuzzRequest) => `#${index} (${request.kind}) ${JSON.stringify(request.body).slice(0, 400)}`;
  console.log(`fuzz: seed ${SEED}, ${REQUESTS} requests — replay with GOVGRAPH_FUZZ_SEED=${SEED}`);
  const started = Date.now();

  let next = 0;
  const worker = async () => {
    while (next < requests.length && Date.now() - started < BUDGET_MS) {
      const { index, request, headers } = requests[next++];
      const requestId = `fuzz-${SEED}-${index}`;
      const bodyText = JSON.stringify(request.body);
      const sentAt = Date.now();
      const res = await fetch(`${stack.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers, 'x-request-id': requestId },
        body: bodyText,
      });
      const text = await res.text();
      const problem = (what: string) => find(what, `${describe(index, request)} → ${res.status} ${text.slice(0, 300)}`);
      const record: Sent = { index, request, requestId, status: res.status, personal: [], ms: Date.now() - sentAt };
      sent.push(record);
      if (!/json/.test(res.headers.get('content-type') ?? '')) problem('not JSON');
      try {
        record.body = JSON.parse(text);
      } catch {
        problem(`unparseable JSON, HTTP ${res.status}`);
        continue;
      }
      const body = record.body!;
      if (res.status >= 500) problem(`HTTP ${res.status} (${String(body.errors?.[0]?.extensions?.code)})`);
      if (typeof body !== 'object' || body === null || (!('data' in body) && !('errors' in body))) problem('neither data nor errors');
      for (const error of body.errors ?? []) {
        const code = error.extensions?.code;
        if (typeof code !== 'string' || !(code in ERROR_CODES)) problem(`error without a registered code (${String(code)})`);
        const service = (error.extensions as { serviceName?: unknown } | undefined)?.serviceName;
        if (code === 'INTERNAL_SERVER_ERROR' || code === 'DOWNSTREAM_SERVICE_ERROR') problem(`unexpected failure ${String(code)}${service ? ` (${String(service)})` : ''} with HTTP ${res.status}`);
      }
      for (const [what, pattern] of LEAKS) if (pattern.test(text) && !pattern.test(bodyText)) problem(`${what} in the response`);
      if (body.data && typeof request.body.query === 'string') {
        try {
          const operationName = typeof request.body.operationName === 'string' ? request.body.operationName : undefined;
          record.personal = personalValues(apiSchema, parse(request.body.query), operationName, body.data, isPersonal);
        } catch (err) {
          problem(`data for a document that cannot have any (${(err as Error).message})`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = Date.now() - started;

  // Every personal value released must be in an access record of its request (records are
  // committed before the subgraph answers, so they are all there by now).
  const withPersonal = sent.filter((s) => s.personal.length);
  const released = new Map<string, Set<string>>();
  const ids = withPersonal.map((s) => s.requestId);
  for (let i = 0; i < ids.length; i += 500) {
    const rows: Array<{ request_id: string; body: string }> = await stack.databases.get('sharing')!.db.knex('access_log').whereIn('request_id', ids.slice(i, i + 500)).select('request_id', 'body');
    for (const row of rows) {
      const paths = released.get(row.request_id) ?? new Set<string>();
      for (const read of parseEntryBody(row.body).reads) if (!read.decision.startsWith('denied')) read.paths.forEach((p) => paths.add(p));
      released.set(row.request_id, paths);
    }
  }
  let checked = 0;
  for (const s of withPersonal) {
    const paths = released.get(s.requestId);
    for (const value of s.personal) {
      checked += 1;
      if (!paths || !value.paths.some((p) => paths.has(p))) {
        find('personal data without its access record', `${value.paths.join('|')} at ${value.at.join('.')} in ${describe(s.index, s.request)}`);
      }
    }
  }

  // Every process still up, and a known request still answered in full.
  const health = await Promise.all([stack.gatewayUrl, ...Object.values(stack.subgraphUrls).map((u) => u.replace(/\/graphql$/, ''))].map((u) => fetch(`${u}/healthz`).then((r) => r.status)));
  expect(health.every((s) => s === 200)).toBe(true);
  const known = await stack.query(`query Known($id: ID!) { person(idNumber: $id) { name } }`, { id: SHOWCASE.head });
  expect(known.data).toEqual({ person: { name: '李建国' } });

  const tally = <T>(items: T[]) => Object.fromEntries([...items.reduce((m, k) => m.set(String(k), (m.get(String(k)) ?? 0) + 1), new Map<string, number>())].sort());
  console.log(
    `fuzz: seed ${SEED}: ${sent.length} of ${REQUESTS} requests in ${(elapsed / 1000).toFixed(1)} s; ` +
      `kinds ${JSON.stringify(tally(sent.map((s) => s.request.kind)))}; statuses ${JSON.stringify(tally(sent.map((s) => s.status)))}; ` +
      `codes ${JSON.stringify(tally(sent.flatMap((s) => (s.body?.errors ?? []).map((e) => e.extensions?.code))))}; ` +
      `${withPersonal.length} responses with ${checked} personal values, each checked against the access log; ` +
      `slowest ${JSON.stringify(sent.map((x) => x.ms).sort((a, b) => b - a).slice(0, 5))} ms`,
  );
  if (process.env.GOVGRAPH_FUZZ_VERBOSE) {
    for (const x of [...sent].sort((a, b) => b.ms - a.ms).slice(0, 5)) console.log(`fuzz: slow ${x.ms} ms: ${describe(x.index, x.request)}`);
  }
  const report = [...findings].map(([what, f]) => `${what} — ${f.count}×, e.g.\n    ${f.examples.join('\n    ')}`);
  if (report.length) console.log(`fuzz: seed ${SEED}: findings (replay with GOVGRAPH_FUZZ_SEED=${SEED}):\n${report.join('\n')}`);
  expect([...findings.keys()]).toEqual([]);
  // The run meant something — guards against a vacuous oracle, not statistical targets: enough
  // requests even on a loaded machine (~500 in the budget at load 10 on 2 cores, 2,000 when
  // idle), and answers with personal data for the access log to be checked against (10-14 %
  // measured across seeds).
  expect(sent.length).toBeGreaterThanOrEqual(Math.min(REQUESTS, 300));
  expect(withPersonal.length).toBeGreaterThan(sent.length * 0.05);
});
