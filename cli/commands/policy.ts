/**
 * `govgraph policy check` and `govgraph policy explain` — the security officers' tools
 * (README, "Command-line tool"). Problems go to stderr as single lines, exit code 1;
 * never a stack trace.
 */
import path from 'node:path';
import { readCommittedSupergraph } from '../../lib/supergraph';
import { checkPolicyDetailed, displayPath } from '../../lib/policy/check';
import { explain, ExplainInputError, formatTable } from '../../lib/policy/explain';
import { loadPolicyDir, PolicyError } from '../../lib/policy/policySet';
import { policyDir } from '../../lib/policy/store';

/** Subgraph name → provider department, from the one subgraph list (loaded only when needed). */
function subgraphDepartments(): Record<string, string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { subgraphs } = require('../../subgraphs') as typeof import('../../subgraphs');
  return Object.fromEntries(subgraphs.map((s) => [s.name, s.department]));
}

function fail(lines: string[]): void {
  for (const l of lines) process.stderr.write(`${l}\n`);
  process.exitCode = 1;
}

const oneLine = (err: unknown) => String(err instanceof Error ? err.message : err).split('\n')[0];

export interface PolicyCheckOptions {
  dir?: string;
  supergraph?: string;
}

export function policyCheckCommand(opts: PolicyCheckOptions): void {
  try {
    const dir = opts.dir ? path.resolve(opts.dir) : policyDir();
    const sdl = opts.supergraph ? readCommittedSupergraph(path.resolve(opts.supergraph)) : readCommittedSupergraph();
    const { problems, policy } = checkPolicyDetailed(sdl, dir, { departments: subgraphDepartments(), displayDir: displayPath(dir) });
    if (problems.length || !policy) {
      fail(problems.length ? problems : ['policy check failed']);
      return;
    }
    process.stdout.write(`policy OK: ${policy.fields.size} fields classified, ${policy.grants.size} grants, revision ${policy.revision}\n`);
  } catch (err) {
    fail([`policy check: ${oneLine(err)}`]);
  }
}

export interface PolicyExplainOptions {
  dept: string;
  grant?: string;
  division?: string;
  consumerDivision?: string;
  purpose?: string;
  now?: string;
  format?: string;
  dir?: string;
}

export function policyExplainCommand(opts: PolicyExplainOptions): void {
  try {
    const format = opts.format ?? 'table';
    if (format !== 'table' && format !== 'json') throw new ExplainInputError(`--format ${format}: use table or json`);
    let now: Date | undefined;
    if (opts.now !== undefined) {
      now = new Date(/^\d{4}-\d{2}-\d{2}$/.test(opts.now) ? `${opts.now}T12:00:00Z` : opts.now);
      if (Number.isNaN(now.getTime())) throw new ExplainInputError(`--now ${opts.now}: not a date (YYYY-MM-DD)`);
    }
    const dir = opts.dir ? path.resolve(opts.dir) : policyDir();
    let policy;
    try {
      policy = loadPolicyDir(dir);
    } catch (err) {
      if (err instanceof PolicyError) {
        fail([`${displayPath(dir)} does not load (run \`govgraph policy check\`):`, ...err.problems.map((p) => `  ${p}`)]);
        return;
      }
      throw err;
    }
    const result = explain({
      supergraphSdl: readCommittedSupergraph(),
      policy,
      dept: opts.dept,
      grantId: opts.grant,
      division: opts.division,
      consumerDivision: opts.consumerDivision,
      purpose: opts.purpose,
      now,
      departments: subgraphDepartments(),
    });
    if (format === 'json') process.stdout.write(JSON.stringify(result.rows, null, 2) + '\n');
    else process.stdout.write(formatTable(result));
  } catch (err) {
    fail([`policy explain: ${oneLine(err)}`]);
  }
}

export interface PolicyStatusOptions {
  /** The revision to wait for; default the revision of the policy files here; `any`: only agreement. */
  expect?: string;
  /** Seconds to wait for every live process to enforce it. @default 0 (look once) */
  wait?: string;
  dir?: string;
  format?: string;
}

/**
 * `govgraph policy status`: the revision every live subgraph process enforces, from their
 * reports in the platform database (lib/policy/replicas.ts). Exit 0 when every live process
 * enforces the expected revision, 1 when not (yet), 2 when it cannot be asked.
 */
export async function policyStatusCommand(opts: PolicyStatusOptions): Promise<void> {
  // Loaded here, not at the top: check and explain need neither a database driver nor these.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { databaseUrl, policyReportSeconds } = require('../../lib/config') as typeof import('../../lib/config');
  const { readPolicyStatus } = require('../../lib/policy/replicas') as typeof import('../../lib/policy/replicas');
  const knexFactory = require('knex') as typeof import('knex').default;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const url = databaseUrl({ name: 'sharing' });
  if (!url || !/^postgres(ql)?:/.test(url)) {
    process.stderr.write('policy status reads the platform database: set GOVGRAPH_SHARING_DB_URL (postgres://…), as the subgraphs have it. `npm start` runs every subgraph in one process, which enforces one revision.\n');
    process.exitCode = 2;
    return;
  }
  const wait = opts.wait === undefined ? 0 : Number(opts.wait);
  if (!Number.isFinite(wait) || wait < 0) {
    fail([`--wait ${opts.wait}: a number of seconds, 0 or more`]);
    return;
  }
  let expected: string | undefined;
  if (opts.expect && opts.expect !== 'any') expected = opts.expect;
  else if (!opts.expect) {
    try {
      expected = loadPolicyDir(opts.dir ? path.resolve(opts.dir) : policyDir()).revision;
    } catch (err) {
      fail([`policy status: the policy files here do not load (${oneLine(err)}); give --expect <revision> or --expect any`]);
      return;
    }
  }
  const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 }, acquireConnectionTimeout: 5_000 });
  try {
    const deadline = Date.now() + wait * 1000;
    for (;;) {
      const status = await readPolicyStatus(knex, { intervalSeconds: policyReportSeconds() });
      const revisions = [...status.revisions.keys()];
      const agreed = status.live.length > 0 && revisions.length === 1 && (!expected || revisions[0] === expected);
      if (agreed || Date.now() >= deadline) {
        printStatus(status, expected, agreed, opts.format === 'json');
        process.exitCode = agreed ? 0 : 1;
        return;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (err) {
    process.stderr.write(`policy status: the platform database did not answer (${(err as { code?: string }).code ?? oneLine(err)})\n`);
    process.exitCode = 2;
  } finally {
    await knex.destroy();
  }
}

function printStatus(status: import('../../lib/policy/replicas').PolicyStatus, expected: string | undefined, agreed: boolean, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ inForce: agreed, expected: expected ?? null, revisions: Object.fromEntries(status.revisions), live: status.live, stale: status.stale }, null, 2)}\n`);
    return;
  }
  const rows = status.live.map((r) => `  ${r.revision === expected || (!expected && status.revisions.size === 1) ? ' ' : '!'} ${r.revision}  ${r.services.padEnd(16)} ${r.instance}  since ${r.since.toISOString()}`);
  const stale = status.stale.map((r) => `    ${r.revision}  ${r.services.padEnd(16)} ${r.instance}  no report since ${r.seenAt.toISOString()} (not counted)`);
  const head = !status.live.length
    ? 'no live subgraph process reports to this platform database'
    : agreed
      ? `revision ${[...status.revisions.keys()][0]} in force on all ${status.live.length} live processes`
      : `NOT in force everywhere${expected ? ` (expected ${expected})` : ''}: ${[...status.revisions].map(([rev, n]) => `${rev} on ${n}`).join(', ')}`;
  process.stdout.write([head, ...rows, ...stale].join('\n') + '\n');
}
