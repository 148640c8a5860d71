/**
 * `govgraph compose [--check] [--against FILE|git:REV] [--allow-breaking]` — composes the
 * subgraph list into gateway/supergraph.graphql, and tells what the result breaks for
 * consumers of the supergraph in force (README, "Command-line tool"). Problems are one
 * line each on stderr, exit 1; never a stack trace.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { subgraphs } from '../../subgraphs';
import { composeSupergraph, findSupergraphChanges, formatSchemaChange, type SchemaChange } from '../../gateway/compose';
import { SUPERGRAPH_PATH } from '../../lib/supergraph';
import { ROOT } from '../../lib/config';
import { loadPolicyDir, type PolicySet } from '../../lib/policy/policySet';
import { policyDir } from '../../lib/policy/store';

/** The committed supergraph records the contract's default URLs; deployments re-point them by env. */
const defaultUrl = (def: { defaultPort: number }) => `http://localhost:${def.defaultPort}/graphql`;

export interface ComposeOptions {
  check?: boolean;
  /** The supergraph in force to compare with: a file, or `git:<rev>` for the committed file at a revision. @default the committed file */
  against?: string;
  /** Report breaking changes without failing (the consumers have agreed to them). */
  allowBreaking?: boolean;
}

const oneLine = (err: unknown) => String(err instanceof Error ? err.message : err).split('\n')[0];

/** The baseline supergraph's text and how to name it, or undefined when there is none yet. */
function readBaseline(against: string | undefined): { sdl: string; label: string } | undefined {
  const rel = path.relative(process.cwd(), SUPERGRAPH_PATH);
  if (!against) return fs.existsSync(SUPERGRAPH_PATH) ? { sdl: fs.readFileSync(SUPERGRAPH_PATH, 'utf8'), label: rel } : undefined;
  if (against.startsWith('git:')) {
    const rev = against.slice(4);
    if (!/^[\w./~^@{}-]+$/.test(rev)) throw new Error(`--against ${against}: not a git revision`);
    const file = path.relative(ROOT, SUPERGRAPH_PATH).split(path.sep).join('/');
    try {
      const sdl = execFileSync('git', ['-C', ROOT, 'show', `${rev}:${file}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
      return { sdl, label: `${file} at ${rev}` };
    } catch {
      throw new Error(`--against ${against}: git has no ${file} at ${rev}`);
    }
  }
  try {
    return { sdl: fs.readFileSync(against, 'utf8'), label: against };
  } catch {
    throw new Error(`--against ${against}: no such file`);
  }
}

/** The policy whose grant files name consumers; a policy that does not load names none (policy check says why). */
function loadPolicy(): PolicySet | undefined {
  try {
    return loadPolicyDir(policyDir());
  } catch {
    process.stderr.write('note: the policy does not load (run `npx govgraph policy check`): changes are shown without the grants naming them\n');
    return undefined;
  }
}

function changesAgainst(baseline: { sdl: string; label: string }, next: string): SchemaChange[] {
  try {
    return findSupergraphChanges(baseline.sdl, next, loadPolicy());
  } catch (err) {
    throw new Error(`${baseline.label} cannot be read as a supergraph: ${oneLine(err)}`);
  }
}

export async function composeCommand(opts: ComposeOptions): Promise<void> {
  try {
    const result = composeSupergraph(subgraphs, defaultUrl);
    if (!result.ok) {
      for (const e of result.errors) process.stderr.write(`composition error: ${oneLine(e)}\n`);
      process.exitCode = 1;
      return;
    }
    const rel = path.relative(process.cwd(), SUPERGRAPH_PATH);
    const baseline = readBaseline(opts.against);
    const changes = baseline ? changesAgainst(baseline, result.supergraphSdl) : [];
    const breaking = changes.filter((c) => c.severity === 'breaking');

    if (!opts.check) {
      fs.writeFileSync(SUPERGRAPH_PATH, result.supergraphSdl);
      process.stdout.write(`wrote ${rel} (${subgraphs.map((s) => s.name).join(', ')})\n`);
      // Not a failure: the department sees what its change does to consumers before it commits.
      for (const c of changes) process.stderr.write(`${formatSchemaChange(c)}\n`);
      if (breaking.length) process.stderr.write(`${breaking.length} breaking change${breaking.length > 1 ? 's' : ''} against the previous ${baseline!.label}: tell the consumers named before deploying.\n`);
      return;
    }

    let failed = false;
    const committed = fs.existsSync(SUPERGRAPH_PATH) ? fs.readFileSync(SUPERGRAPH_PATH, 'utf8') : '';
    if (committed !== result.supergraphSdl) {
      process.stderr.write(`${rel} is stale: run \`npx govgraph compose\` and commit the result.\n`);
      failed = true;
    }
    for (const c of changes) process.stderr.write(`${formatSchemaChange(c)}\n`);
    if (breaking.length) {
      const consumers = [...new Set(breaking.flatMap((c) => c.grants.map((g) => g.consumer)))].sort();
      process.stderr.write(
        `${breaking.length} breaking change${breaking.length > 1 ? 's' : ''} against ${baseline!.label}` +
          (consumers.length ? `; grants of ${consumers.join(', ')} name what changes` : '') +
          (opts.allowBreaking ? ' (allowed by --allow-breaking).\n' : '.\n'),
      );
      if (!opts.allowBreaking) failed = true;
    }
    if (failed) {
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`${rel} is up to date (${subgraphs.length} subgraphs)${opts.against ? `; no breaking change against ${baseline?.label ?? opts.against}` : ''}.\n`);
  } catch (err) {
    process.stderr.write(`compose: ${oneLine(err)}\n`);
    process.exitCode = 1;
  }
}
