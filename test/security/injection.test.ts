/**
 * Injection strings in every string argument of the supergraph — every String, ID, Date and
 * DateTime argument of every field, inside input objects and lists too, read from the API
 * schema (test/support/stringArguments.ts), so a new argument is probed as soon as it exists.
 *
 * Each argument gets SQL (tautologies, stacked DROP TABLE, UNION, time delays), NoSQL-ish
 * operators, LIKE wildcards, path traversal, CRLF / header injection, NUL bytes (raw and
 * `%00`), Unicode confusables (fullwidth digits, zero-width and right-to-left characters,
 * Cyrillic look-alikes), a lone surrogate, an overlong string, format strings and prototype
 * keys — once as an inline literal and once as a variable. Every answer must be:
 *
 * - a clean refusal (BAD_USER_INPUT, or NOT_FOUND / CONFLICT / FORBIDDEN where the workflow
 *   says so) or an empty answer — never a 5xx, INTERNAL_SERVER_ERROR or a subgraph failure;
 * - free of SQL, driver and stack text;
 * - free of personal data the caller did not send itself;
 * - quick (a time-delay payload that ran would take seconds);
 *
 * and afterwards every table of every department database still exists and holds as many
 * rows as before.
 */
import { astFromValue, print, type GraphQLArgument, type GraphQLField, type GraphQLInputType } from 'graphql';
import fs from 'node:fs';
import path from 'node:path';
import { startTestStack, type TestStack } from '../support/stack';
import { PEOPLE, DIBAO } from '../support/security';
import { copyPolicies, type PolicyDirCopy } from '../support/policyDir';
import { stringSlots, type StringSlot } from '../support/stringArguments';
import { personalDataIn } from '../support/personalLeaks';
import { readSupergraphModel } from '../../lib/policy/check';
import { SHOWCASE } from '../../lib/synthetic';
import type { Requester } from '../../lib/identity';
import { countOf, type Database } from '../../lib/db';
import { subgraphs } from '../../subgraphs';
import { readCatalog } from '../../lib/legacyDb';

const API = readSupergraphModel(fs.readFileSync(path.join(__dirname, '..', '..', 'gateway', 'supergraph.graphql'), 'utf8')).api;

/**
 * The payloads: [label, value]. Each is sent inline and as a variable to every string slot.
 * The delays are long enough (10 s) that one that ran cannot pass for a slow machine.
 */
const PAYLOADS: Array<[string, string]> = [
  ['SQL tautology', "' OR 1=1 --"],
  ['SQL stacked DROP TABLE', `"; DROP TABLE "RK_JBXX"; DROP TABLE QY_JBXX; --`],
  ['SQL UNION', "' UNION SELECT GMSFHM, XM, LXDH FROM RK_JBXX --"],
  ['SQL delays (PostgreSQL, MySQL)', "' AND SLEEP(10) AND '1'='1'; SELECT pg_sleep(10); --"],
  ['a real ID, then a tautology', `${SHOWCASE.head}' OR '1'='1`],
  ['NoSQL operator', '{"$ne": null, "$where": "sleep(10000)"}'],
  ['LIKE wildcards', '%_%'],
  ['path traversal', '../../../../etc/passwd\\..\\..\\windows\\win.ini'],
  ['CRLF header injection', 'x\r\nSet-Cookie: session=stolen\r\nX-Injected: 1%0d%0aX-Injected: 2'],
  ['NUL', '\u0000'],
  ['a real ID, NUL, a tautology', `${SHOWCASE.head}\u0000' OR 1=1 --`],
  ['a real ID, %00', `${SHOWCASE.head}%00`],
  ['fullwidth digits', '３２０１０２１９８００１０１１２３８'],
  ['zero-width and right-to-left characters in a real ID', `\u202e3201021980\u200b01011238`],
  ['Cyrillic look-alikes', 'Реrѕоn.рhоnе'],
  ['lone surrogate', '\ud800'],
  ['overlong', 'A'.repeat(100_000)],
  ['format and template strings', '%s%s%s%n ${7*7} {{7*7}} #{7*7}'],
  ['prototype key', '__proto__'],
  ['inherited key', 'constructor'],
];

/** Who asks each root field, with which fixed arguments; the probed argument replaces its own. */
interface Baseline {
  as: Requester;
  opts: { purpose?: string; grantId?: string };
  /** Valid values of the other arguments (JS values, as variables take them). */
  args: Record<string, unknown>;
  select: string;
  /** Arguments that need a record made first (an application to approve …); a record a probe changed is not used again. */
  fixture?: (stack: TestStack) => Promise<Record<string, unknown>>;
}

const OFFICER: Requester = { user: 'dsj-aq-0001', dept: 'big-data-center', division: '320100', roles: ['security-officer'] };
const PS_OFFICER: Requester = { user: 'ga-aq-0001', dept: 'public-security', division: '320100', roles: ['security-officer'] };
const CASEWORKER = PEOPLE.caseworker;

/** YYYY-MM-DD `days` from today: validity dates must lie ahead whenever the suite runs. */
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const APPLICATION = { purpose: 'dibao-verification', justification: '低保核对', fields: ['Person.phone'], jurisdiction: '320102', validUntil: daysAhead(90) };
const APPLICATION_SELECT = 'id status purpose justification fields unmasked jurisdiction validUntil';

async function ask(stack: TestStack, as: Requester, opts: Baseline['opts'], query: string, variables?: Record<string, unknown>) {
  return stack.queryAs(as, opts, query, variables);
}

async function submitted(stack: TestStack): Promise<string> {
  const res = await ask(stack, CASEWORKER, { purpose: DIBAO.purpose }, `mutation($i: ApplicationInput!) { submitApplication(input: $i) { id } }`, { i: APPLICATION });
  if (!res.data?.submitApplication) throw new Error(`fixture: ${JSON.stringify(res.errors)}`);
  return res.data.submitApplication.id;
}

const BASELINES: Record<string, Baseline> = {
  'Query.person': { as: CASEWORKER, opts: DIBAO, args: { idNumber: SHOWCASE.head }, select: 'idNumber name phone' },
  'Query.persons': { as: CASEWORKER, opts: DIBAO, args: { idNumbers: [SHOWCASE.head] }, select: 'idNumber name phone' },
  'Query.household': { as: CASEWORKER, opts: DIBAO, args: { number: SHOWCASE.householdNumber }, select: 'number address members { person { name } }' },
  'Query.legalPerson': { as: CASEWORKER, opts: DIBAO, args: { uscc: SHOWCASE.company }, select: 'uscc name legalRepresentative { name }' },
  'Query.legalPersons': { as: CASEWORKER, opts: DIBAO, args: { divisionCode: '320102', first: 5 }, select: 'totalCount edges { node { uscc name legalRepresentative { name } } }' },
  'Query.division': { as: CASEWORKER, opts: DIBAO, args: { code: '320102' }, select: 'code name' },
  'Query.parcel': { as: CASEWORKER, opts: DIBAO, args: { code: SHOWCASE.headParcel }, select: 'code landUse rights { holder { ... on Person { name } } }' },
  'Query.catalog': { as: CASEWORKER, opts: DIBAO, args: {}, select: 'path provider sharing' },
  'Query.accessHistory': { as: OFFICER, opts: { purpose: 'audit' }, args: { idNumber: SHOWCASE.head }, select: 'requestId department reads { decision subjects }' },
  // Reads of personal data only: an officer's own searches are logged with what they searched for, and would match it.
  'Query.accessLog': { as: OFFICER, opts: { purpose: 'audit' }, args: { filter: { kind: 'DATA' }, first: 5 }, select: 'records { requestId department user reads { subjects } } nextCursor' },
  'Query.application': { as: CASEWORKER, opts: DIBAO, args: {}, select: APPLICATION_SELECT, fixture: async (stack) => ({ id: await submitted(stack) }) },
  'Query.applications': { as: CASEWORKER, opts: DIBAO, args: {}, select: 'id status' },
  'Query.grant': { as: CASEWORKER, opts: DIBAO, args: { id: DIBAO.grantId }, select: 'id consumer fields' },
  'Query.grants': { as: CASEWORKER, opts: DIBAO, args: {}, select: 'id consumer' },
  'Query.dataIssue': { as: CASEWORKER, opts: DIBAO, args: {}, select: 'id subjectKey description', fixture: async (stack) => ({ id: await reported(stack) }) },
  'Query.dataIssues': { as: CASEWORKER, opts: DIBAO, args: {}, select: 'id subjectKey' },
  'Query.sharingStatistics': { as: OFFICER, opts: {}, args: {}, select: 'provider requests' },
  'Query.policyExplain': { as: OFFICER, opts: {}, args: { department: 'civil-affairs' }, select: 'department grantState fields { path view }' },
  'Query.applicationTrend': { as: OFFICER, opts: {}, args: {}, select: 'date submitted pending' },
  'Query.policyChanges': { as: PS_OFFICER, opts: {}, args: {}, select: 'id status' },
  'Query.policyChange': { as: PS_OFFICER, opts: {}, args: {}, select: 'id status', fixture: async (stack) => ({ id: await proposed(stack) }) },
  'Query.previewPolicyChange': { as: PS_OFFICER, opts: {}, args: { input: { provider: 'public-security', reason: '测试', changes: [{ path: 'Person.maritalStatus', mask: 'name' }] } }, select: 'problems afterRevision' },
  'Mutation.proposePolicyChange': { as: PS_OFFICER, opts: {}, args: { input: { provider: 'public-security', reason: '测试', changes: [{ path: 'Person.maritalStatus', mask: 'name' }] } }, select: 'id status reason' },
  'Mutation.approvePolicyChange': { as: OFFICER, opts: {}, args: { note: '复核同意' }, select: 'id status decisionNote', fixture: async (stack) => ({ id: await proposed(stack) }) },
  'Mutation.rejectPolicyChange': { as: OFFICER, opts: {}, args: { reason: '不予调整' }, select: 'id status decisionNote', fixture: async (stack) => ({ id: await proposed(stack) }) },
  'Mutation.withdrawPolicyChange': { as: PS_OFFICER, opts: {}, args: { reason: '撤回' }, select: 'id status', fixture: async (stack) => ({ id: await proposed(stack) }) },
  'Mutation.submitApplication': { as: CASEWORKER, opts: { purpose: DIBAO.purpose }, args: { input: APPLICATION }, select: APPLICATION_SELECT },
  'Mutation.withdrawApplication': {
    as: CASEWORKER, opts: { purpose: DIBAO.purpose }, args: { reason: '不再需要' }, select: APPLICATION_SELECT,
    fixture: async (stack) => ({ id: await submitted(stack) }),
  },
  'Mutation.approveApplication': {
    as: PS_OFFICER, opts: {}, args: { provider: 'public-security', decision: { fields: ['Person.phone'], unmasked: [], jurisdiction: '320102', validUntil: daysAhead(60), note: '同意' } }, select: APPLICATION_SELECT,
    fixture: async (stack) => ({ id: await submitted(stack) }),
  },
  'Mutation.rejectApplication': {
    as: PS_OFFICER, opts: {}, args: { provider: 'public-security', reason: '理由不足' }, select: APPLICATION_SELECT,
    fixture: async (stack) => ({ id: await submitted(stack) }),
  },
  'Mutation.revokeGrant': {
    as: PS_OFFICER, opts: {}, args: { reason: '核对结束' }, select: 'id revokedAt revokeReason',
    fixture: async (stack) => {
      const id = await submitted(stack);
      const res = await ask(stack, PS_OFFICER, {}, `mutation($id: ID!) { approveApplication(id: $id) { grant { id } } }`, { id });
      return { id: res.data!.approveApplication.grant.id };
    },
  },
  'Mutation.reportDataIssue': {
    as: CASEWORKER, opts: { purpose: DIBAO.purpose }, args: { path: 'Person.registeredAddress', subjectKey: SHOWCASE.head, description: '门牌号与实地不符' }, select: 'id path subjectKey description',
  },
  'Mutation.acknowledgeDataIssue': {
    as: PS_OFFICER, opts: {}, args: { note: '已收到' }, select: 'id status',
    fixture: async (stack) => ({ id: await reported(stack) }),
  },
  'Mutation.resolveDataIssue': {
    as: PS_OFFICER, opts: {}, args: { outcome: 'CORRECTED', resolution: '已更正' }, select: 'id status resolution',
    fixture: async (stack) => ({ id: await reported(stack) }),
  },
};

/**
 * A proposed policy change for the probes of the decisions on one: each toggles the mask of
 * its own field of public-security's (round robin over more fields than probes run at once),
 * so approvals of concurrent probes never change the same field.
 */
let proposals = 0;
const TOGGLED = ['Person.maritalStatus', 'Person.ethnicity', 'Person.birthDate', 'Person.gender', 'Person.deceased', 'Person.relationToHead', 'Person.updatedAt', 'Person.household', 'Household.number', 'Household.division', 'Household.head', 'Household.memberCount'];
async function proposed(stack: TestStack): Promise<string> {
  const path = TOGGLED[proposals++ % TOGGLED.length];
  for (const mask of ['name', 'none']) {
    const res = await ask(stack, PS_OFFICER, {}, `mutation($i: PolicyChangeInput!) { proposePolicyChange(input: $i) { id } }`, { i: { provider: 'public-security', reason: '注入测试', changes: [{ path, mask }] } });
    if (res.data?.proposePolicyChange) return res.data.proposePolicyChange.id;
  }
  throw new Error(`fixture: no change of ${path} could be proposed`);
}

async function reported(stack: TestStack): Promise<string> {
  const res = await ask(stack, CASEWORKER, { purpose: DIBAO.purpose }, `mutation { reportDataIssue(path: "Person.registeredAddress", subjectKey: "${SHOWCASE.head}", description: "门牌号") { id } }`);
  if (!res.data?.reportDataIssue) throw new Error(`fixture: ${JSON.stringify(res.errors)}`);
  return res.data.reportDataIssue.id;
}

const SLOTS = stringSlots(API);

function fieldOf(slot: Pick<StringSlot, 'owner' | 'field'>): GraphQLField<unknown, unknown> {
  return (slot.owner === 'Mutation' ? API.getMutationType() : API.getQueryType())!.getFields()[slot.field];
}

/** `args` with `payload` put at `slot.path` (as one element where the leaf is a list). */
function withPayload(args: Record<string, unknown>, slot: StringSlot, payload: string): Record<string, unknown> {
  const out = structuredClone(args);
  let at: Record<string, unknown> = out;
  let throughList = false;
  for (const key of slot.path.slice(0, -1)) {
    if (!at[key] || typeof at[key] !== 'object') at[key] = {};
    at = at[key] as Record<string, unknown>;
    // A list of input objects (a policy change's `changes`): the probe goes into its first one.
    if (Array.isArray(at)) {
      at = (at[0] ??= {}) as Record<string, unknown>;
      throughList = true;
    }
  }
  const leaf = slot.path[slot.path.length - 1];
  // `slot.list` says the leaf is inside some list; past a list of objects, only a leaf that is a list itself takes one.
  at[leaf] = slot.list && (!throughList || Array.isArray(at[leaf])) ? [payload] : payload;
  return out;
}

/** The operation with every argument inline, or every argument a variable. */
function operation(slot: StringSlot, args: Record<string, unknown>, select: string, inline: boolean): { query: string; variables?: Record<string, unknown> } {
  const field = fieldOf(slot);
  const keyword = slot.owner === 'Mutation' ? 'mutation' : 'query';
  const used = field.args.filter((a: GraphQLArgument) => args[a.name] !== undefined);
  if (inline) {
    const rendered = used.map((a) => `${a.name}: ${print(astFromValue(args[a.name], a.type as GraphQLInputType)!)}`);
    return { query: `${keyword} { ${field.name}${rendered.length ? `(${rendered.join(', ')})` : ''} { ${select} } }` };
  }
  const decls = used.map((a) => `$${a.name}: ${a.type}`);
  const passes = used.map((a) => `${a.name}: $${a.name}`);
  return {
    query: `${keyword}${decls.length ? `(${decls.join(', ')})` : ''} { ${field.name}${passes.length ? `(${passes.join(', ')})` : ''} { ${select} } }`,
    variables: Object.fromEntries(used.map((a) => [a.name, args[a.name]])),
  };
}

let stack: TestStack;
let policies: PolicyDirCopy;
/** Rows per table of each department database, before any probe. */
let before: Record<string, Record<string, number>>;
beforeAll(async () => {
  // Thousands of probes from a handful of users: rate limits have their own suite.
  // On a copy of policies/: the probes of approvePolicyChange apply changes to it.
  policies = copyPolicies();
  stack = await startTestStack(policies.dir, { rateLimits: { userPerMinute: 0, departmentPerMinute: 0, grantPerDay: 0, authFailuresPerMinute: 0 } });
  before = await rowCounts(stack);
});
afterAll(async () => {
  await stack?.stop();
  policies?.remove();
});

/** Every table of every database of the stack and its row count (the platform's tables only by name: the access log grows). */
async function rowCounts(s: TestStack): Promise<Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [name, { db }] of s.databases) {
    const { tables } = await catalogOf(name, db);
    out[name] = {};
    for (const t of tables) out[name][t.name] = name === 'sharing' ? 0 : countOf((await db.knex(t.name).count({ n: '*' })) as Array<Record<string, unknown>>);
  }
  return out;
}

/**
 * The tables of department `name`'s database. Embedded, the departments are schemas of one
 * engine sharing one session (test/support/databases.ts openSeededFederation): its own schema's.
 */
async function catalogOf(name: string, db: Database) {
  if (db.engine !== 'pglite') return readCatalog(db.knex, db.dialect);
  const schema = subgraphs.find((def) => def.name === name)!.legacyDb.embeddedSchema;
  return db.knex.transaction(async (trx) => {
    await trx.raw('SET LOCAL search_path TO ??', [schema]);
    return readCatalog(trx, db.dialect);
  });
}

/** What a driver, SQL or a stack says when it fails; a probe's own payload is cut out first. */
const INTERNALS = /syntax error at or near|in your SQL syntax|SQLSTATE|\bER_[A-Z_]+|relation "|column "|invalid byte sequence|unterminated|violates|duplicate key|knex|mysql|postgres|pglite|\bselect\b[^"]*\bfrom\b|\n\s+at |node_modules|\/work\//i;

/**
 * Free text an empty or literal answer is right for; anything it finds is fine as long as no
 * one's data is in it. policyExplain answers for any well-formed department code (a consumer
 * need not be in any policy yet; `constructor` is one) and any purpose text (X-Purpose is free
 * text): the matrix it answers holds policy, never anyone's data.
 */
const MATCHES_LITERALLY = new Set([
  'Query.catalog(search)',
  'Query.policyExplain(department)',
  'Query.policyExplain(purpose)',
  // A preview answers with the file as the change would make it (a legal basis is free text; the reason is not used until proposed).
  'Query.previewPolicyChange(input.reason)',
  'Query.previewPolicyChange(input.changes.legalBasis)',
]);
/** Mutation arguments that are free text: any string is stored as sent (within a length limit). */
const FREE_TEXT = new Set(['purpose', 'justification', 'reason', 'note', 'description', 'resolution', 'legalBasis']);
/** Where a mutation that succeeds returns what it stored (verbatim, trimmed at the ends). */
const ECHOES: Record<string, string> = {
  'Mutation.submitApplication(input.purpose)': 'purpose',
  'Mutation.submitApplication(input.justification)': 'justification',
  'Mutation.reportDataIssue(description)': 'description',
  'Mutation.resolveDataIssue(resolution)': 'resolution',
  'Mutation.revokeGrant(reason)': 'revokeReason',
  'Mutation.proposePolicyChange(input.reason)': 'reason',
  'Mutation.approvePolicyChange(note)': 'decisionNote',
  'Mutation.rejectPolicyChange(reason)': 'decisionNote',
};

const CONCURRENCY = 4;
/** Runs `jobs` `CONCURRENCY` at a time. */
async function pool<T>(jobs: Array<() => Promise<T>>): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]();
      }
    }),
  );
  return out;
}

/** Whether a root field's answer holds nothing: null, an empty list, an empty page. */
function empty(root: unknown): boolean {
  if (root === null || root === undefined) return true;
  if (Array.isArray(root)) return root.length === 0;
  const r = root as Record<string, unknown>;
  if ('edges' in r) return Array.isArray(r.edges) && r.edges.length === 0 && (r.totalCount === undefined || r.totalCount === 0);
  if ('records' in r) return Array.isArray(r.records) && r.records.length === 0;
  return false;
}

describe('injection strings in every string argument', () => {
  it('finds the string arguments of the schema (a probe list that lost them would pass)', () => {
    expect(SLOTS.length).toBeGreaterThanOrEqual(60);
    for (const label of ['Query.person(idNumber)', 'Query.persons(idNumbers)', 'Query.legalPersons(nameContains)', 'Query.accessLog(filter.subject)', 'Mutation.submitApplication(input.fields)']) {
      expect(SLOTS.map((s) => s.label)).toContain(label);
    }
    // Only root fields take arguments today; a nested field with one needs a way to reach it here.
    expect(SLOTS.filter((s) => s.owner !== 'Query' && s.owner !== 'Mutation')).toEqual([]);
    // Every root field with a string argument has a baseline (who asks, the other arguments).
    expect([...new Set(SLOTS.map((s) => `${s.owner}.${s.field}`))].filter((f) => !BASELINES[f])).toEqual([]);
  });

  it.each(Object.entries(BASELINES))('the baseline of %s is answered without error', async (name, baseline) => {
    const [owner, field] = name.split('.');
    const fixture = baseline.fixture ? await baseline.fixture(stack) : {};
    const slot = { owner, field } as StringSlot;
    const { query, variables } = operation(slot, { ...baseline.args, ...fixture }, baseline.select, false);
    const res = await stack.queryAs(baseline.as, baseline.opts, query, variables);
    expect({ name, status: res.status, errors: res.errors }).toEqual({ name, status: 200, errors: undefined });
    expect(res.data![field]).not.toBeNull();
  });

  it.each(SLOTS.map((s) => [s.label, s] as const))('%s', async (_label, slot) => {
    const baseline = BASELINES[`${slot.owner}.${slot.field}`];
    const dateScalar = slot.scalar === 'Date' || slot.scalar === 'DateTime';
    const freeText = FREE_TEXT.has(slot.path[slot.path.length - 1]);
    // Records made for the probes (an application to approve …): none where the probed
    // argument is the record's id itself; else each probe in flight holds one of its own, and
    // hands it back for the next unless its mutation succeeded (then the record has moved on).
    const needsFixture = baseline.fixture && !(slot.path.length === 1 && slot.path[0] === 'id');
    const unused: Array<Record<string, unknown>> = [];
    const jobs = PAYLOADS.flatMap(([label, payload]) =>
      [true, false].map((inline) => async () => {
        const fixture = needsFixture ? (unused.pop() ?? (await baseline.fixture!(stack))) : {};
        const args = withPayload({ ...baseline.args, ...fixture }, slot, payload);
        const { query, variables } = operation(slot, args, baseline.select, inline);
        const started = Date.now();
        const res = await stack.queryAs(baseline.as, baseline.opts, query, variables);
        const ms = Date.now() - started;
        if (needsFixture && !res.data?.[slot.field]) unused.push(fixture);
        return { label, payload, inline, res, ms };
      }),
    );
    for (const { label, payload, inline, res, ms } of await pool(jobs)) {
      const probe = `${slot.label} ← ${label} (${inline ? 'inline' : 'variable'})`;
      const codes = (res.errors ?? []).map((e) => String(e.extensions?.code));
      const allowed = new Set(['BAD_USER_INPUT']);
      if (slot.path.length === 1 && slot.path[0] === 'id' && slot.owner === 'Mutation') allowed.add('NOT_FOUND');
      // A well-formed id of no grant (`constructor`): refused as not found, as an unknown one is.
      if (slot.label === 'Query.policyExplain(grantId)') allowed.add('NOT_FOUND');
      // graphql-js refuses a literal that is not a Date in validation, and cannot read a lone surrogate at all.
      if (inline && dateScalar) allowed.add('GRAPHQL_VALIDATION_FAILED');
      if (inline && payload === '\ud800') allowed.add('GRAPHQL_PARSE_FAILED');
      expect({ probe, status: res.status }).toEqual({ probe, status: res.status === 400 && res.errors && !res.data ? 400 : 200 });
      expect({ probe, codes: codes.filter((c) => !allowed.has(c)) }).toEqual({ probe, codes: [] });
      const text = JSON.stringify({ errors: res.errors, data: res.data }).split(JSON.stringify(payload).slice(1, -1)).join('');
      expect({ probe, internals: INTERNALS.exec(text)?.[0] }).toEqual({ probe, internals: undefined });
      expect({ probe, personal: personalDataIn(res.data ?? null, [SHOWCASE.head]).concat(personalDataIn(res.errors ?? [], [SHOWCASE.head])) }).toEqual({ probe, personal: [] });
      expect({ probe, slow: ms > 8_000 }).toEqual({ probe, slow: false });
      const root = res.data?.[slot.field];
      if (!res.errors) {
        // Answered: an empty answer, the literal match of free text, or a mutation that stored the text as sent.
        if (slot.owner === 'Query' && !MATCHES_LITERALLY.has(slot.label)) expect({ probe, empty: empty(root) }).toEqual({ probe, empty: true });
        if (slot.owner === 'Mutation') expect({ probe, freeText }).toEqual({ probe, freeText: true });
        const echo = ECHOES[slot.label];
        // Compared as UTF-8 holds them: a lone surrogate becomes U+FFFD on the way into a database.
        const utf8 = (v: unknown) => (typeof v === 'string' ? Buffer.from(v).toString() : v);
        if (echo) expect({ probe, stored: utf8(root[echo]) }).toEqual({ probe, stored: utf8(payload.trim()) });
      }
    }
  });

  it('leaves every table of every department database in place, with as many rows as before', async () => {
    const after = await rowCounts(stack);
    expect(after).toEqual(before);
    expect(Object.keys(after.population)).toContain('RK_JBXX');
    expect(Object.keys(after['legal-person'])).toContain('QY_JBXX');
    // The probes did run through to the platform's workflow (they are not all refused early).
    const applications = countOf((await stack.databases.get('sharing')!.db.knex('grant_application').count({ n: '*' })) as Array<Record<string, unknown>>);
    expect(applications).toBeGreaterThan(50);
  });

  it('X-Purpose carrying injection strings is only a purpose no grant names', async () => {
    const query = `{ division(code: "320102") { name } person(idNumber: "${SHOWCASE.head}") { phone maritalStatus } }`;
    for (const [label, payload] of PAYLOADS) {
      // Headers carry Latin-1 without control characters; the rest cannot be sent at all.
      if (!/^[\x20-\x7e]*$/.test(payload) || payload.length > 200) continue;
      const res = await stack.queryAs(CASEWORKER, { purpose: payload, grantId: DIBAO.grantId }, query);
      const probe = `X-Purpose ← ${label}`;
      expect({ probe, status: res.status, division: res.data?.division }).toEqual({ probe, status: 200, division: { name: '玄武区' } });
      expect({ probe, person: res.data?.person }).toEqual({ probe, person: { phone: null, maritalStatus: null } });
      expect({ probe, reasons: [...new Set(res.errors?.map((e) => e.extensions?.reason))] }).toEqual({ probe, reasons: ['PURPOSE_MISMATCH'] });
    }
    const long = await stack.queryAs(CASEWORKER, { purpose: 'x'.repeat(201), grantId: DIBAO.grantId }, query);
    expect(long.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(long.data ?? null).toBeNull();
  });
});
