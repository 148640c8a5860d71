/**
 * One policy revision, computed one way: what `govgraph policy check`, `policy explain` and
 * `catalog` print is the revision the running services decide under — in FORBIDDEN errors and
 * in access records — for the same files, with workflow grants in force or not; an edit of a
 * policy file changes it everywhere.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { startTestStack, TestStack } from '../support/stack';
import { copyPolicies, PolicyDirCopy } from '../support/policyDir';
import { postGraphQL } from '../support/http';
import { PEOPLE } from '../support/security';
import { SHOWCASE } from '../../lib/synthetic';
import { insertGrant } from '../../lib/grants/grantStore';
import { GrantIntegrity } from '../../lib/grants/integrity';
import { parseEntryBody } from '../../lib/audit';

const run = promisify(execFile);
const BIN = path.join(__dirname, '..', '..', 'bin', 'govgraph.js');
const REVISION = /\b([0-9a-f]{16})\b/;

let stack: TestStack;
let policies: PolicyDirCopy;
beforeAll(async () => {
  policies = copyPolicies();
  stack = await startTestStack(policies.dir);
  stack.security.policy.watch();
});
afterAll(async () => {
  await stack?.stop();
  policies?.remove();
});

/** The revision each policy command of the real CLI prints for the copied policy directory. */
async function cliRevisions(): Promise<Record<string, string>> {
  const cli = async (args: string[], pattern: RegExp) => {
    const { stdout } = await run(process.execPath, [BIN, ...args, '--dir', policies.dir], { env: { ...process.env, GOVGRAPH_LOG_LEVEL: 'silent' } });
    const line = stdout.split('\n').find((l) => pattern.test(l));
    return REVISION.exec(line ?? '')?.[1] ?? `(no revision in: ${stdout.slice(0, 200)})`;
  };
  const [check, explain, catalog] = await Promise.all([
    cli(['policy', 'check'], /^policy OK:/),
    cli(['policy', 'explain', '--dept', 'tax'], /^policy revision /),
    cli(['catalog'], /policy revision /),
  ]);
  return { check, explain, catalog };
}

/**
 * A request the tax office makes without a grant: phone is withheld (FORBIDDEN), so the error
 * and the access record both name the revision the decision was made under.
 */
async function decidedRevisions(): Promise<{ error: unknown; record: unknown }> {
  const requestId = `rev-${randomBytes(6).toString('hex')}`;
  const headers = { ...(await stack.security.headers({ ...PEOPLE.taxOfficer, division: '320102' }, { purpose: 'tax-audit' })), 'x-request-id': requestId };
  const res = await postGraphQL(`${stack.gatewayUrl}/graphql`, `{ person(idNumber: "${SHOWCASE.head}") { name phone } }`, undefined, headers);
  const forbidden = res.errors?.find((e) => e.extensions?.code === 'FORBIDDEN');
  const rows: Array<{ body: string }> = await stack.databases.get('sharing')!.db.knex('access_log').where('request_id', requestId).select('body');
  const revisions = [...new Set(rows.map((r) => parseEntryBody(r.body).policyRevision))];
  expect(revisions).toHaveLength(1);
  return { error: forbidden?.extensions?.policyRevision, record: revisions[0] };
}

async function within(ms: number, probe: () => boolean): Promise<void> {
  const started = Date.now();
  while (!probe()) {
    if (Date.now() - started > ms) throw new Error(`not in effect after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('the CLI prints the revision the services decide under, with a workflow grant in force', async () => {
  // A grant approved through the workflow lives in the platform database, not in the files:
  // it joins the policy in force without changing its revision.
  const before = stack.security.policy.current.revision;
  const grantId = `G-REV-${randomBytes(3).toString('hex').toUpperCase()}`;
  const grant = {
    id: grantId, application_id: null, consumer: 'tax', purpose: 'tax-audit', fields: ['Person.maritalStatus'], unmasked: [],
    jurisdiction: '320100', valid_from: '2026-01-01', valid_until: '2027-06-30', approved_by: 'public-security: test officer', approved_at: new Date().toISOString(),
  };
  await insertGrant(stack.databases.get('sharing')!.db.knex, grant, new GrantIntegrity(stack.security.auditKeys.key));
  await stack.security.policy.refreshGrants();
  expect(stack.security.policy.current.grants.has(grantId)).toBe(true);
  expect(stack.security.policy.current.revision).toBe(before);

  const decided = await decidedRevisions();
  expect(decided.error).toMatch(/^[0-9a-f]{16}$/);
  expect(decided.record).toBe(decided.error);
  expect(await cliRevisions()).toEqual({ check: decided.error, explain: decided.error, catalog: decided.error });
});

it('an edit of a policy file changes the revision the CLI prints and the services record alike', async () => {
  const before = stack.security.policy.current.revision;
  policies.editProvider('public-security.yaml', (doc) => {
    doc.types.Person.fields.phone.description = '联系电话（测试修订）';
  });
  await within(2000, () => stack.security.policy.current.revision !== before);
  const decided = await decidedRevisions();
  expect(decided.error).not.toBe(before);
  expect(decided.record).toBe(decided.error);
  expect(await cliRevisions()).toEqual({ check: decided.error, explain: decided.error, catalog: decided.error });
});
