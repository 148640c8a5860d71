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
