/**
 * `govgraph subgraph init <name> --department <code> --db <url> [--tables T1,T2] [--names T=Type]
 * [--port N] [--root DIR]` — a working, deny-by-default subgraph from a department's existing
 * PostgreSQL or MySQL tables (lib/onboarding/init.ts). A refusal is one line,
 * `govgraph subgraph init: <CODE>: …`, with the code's own exit status (lib/onboarding/refusal.ts).
 */
import path from 'node:path';
import type { SubgraphDefinition } from '../../lib/subgraph/definition';
import { composeServiceList } from '../../gateway/compose';
import { initSubgraph, type InitResult } from '../../lib/onboarding/init';
import { InitRefusal } from '../../lib/onboarding/refusal';
import { LAYOUT } from '../../lib/onboarding/layout';
import { ROOT } from '../../lib/config';

export interface SubgraphInitOptions {
  department: string;
  db: string;
  tables?: string;
  names?: string;
  port?: string;
  /** The repository to write into. @default this one */
  root?: string;
  /** Skip codegen (tests that typecheck by other means). */
  codegen?: boolean;
}

/** `A, B` → [A, B]; an empty item stays, so that validation refuses `A,,B`. */
const list = (s: string | undefined) => (s === undefined ? undefined : s.split(',').map((x) => x.trim()));

function parseNames(s: string | undefined): Record<string, string> | undefined {
  if (s === undefined) return undefined;
  return Object.fromEntries(
    (list(s) ?? []).map((pair) => {
      const [table, type] = pair.split('=').map((x) => x?.trim());
      if (!table || !type) throw new InitRefusal('INVALID_ARGUMENT', `--names ${pair}: give TABLE=TypeName pairs separated by commas`);
      return [table, type];
    }),
  );
}

/**
 * The subgraph list of the tree written into (this repository's unless --root says otherwise):
 * its TypeScript sources, the tree the command edits — not the compiled copy in dist/, which a
 * checkout may not have built yet. Run compiled, the command loads them through tsx.
 */
function registryOf(root: string): SubgraphDefinition[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!__filename.endsWith('.ts')) (require('tsx/cjs/api') as { register(): unknown }).register();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(path.join(root, 'subgraphs', 'index.ts')) as { subgraphs: SubgraphDefinition[] }).subgraphs;
}

function report(result: InitResult, root: string): string {
  const m = result.model;
  const dir = LAYOUT.subgraphDir(m.name);
  const fields = m.types.reduce((n, t) => n + t.members.length, 0);
  const lines = [
    `Read ${m.dialect === 'mysql' ? 'MySQL' : 'PostgreSQL'} ${m.schema}: ${m.types.length} table${m.types.length > 1 ? 's' : ''} as types${m.codeTables.length ? `, ${m.codeTables.length} code table${m.codeTables.length > 1 ? 's' : ''} read by join (${m.codeTables.map((t) => t.name).join(', ')})` : ''}.`,
    ...m.types.map((t) => `  ${t.table.name.padEnd(16)} → ${t.name} @key(fields: "${t.keys.map((k) => k.name).join(' ')}"), ${t.members.length} fields; Query.${t.one}${t.many ? `, Query.${t.many.name}` : ''}`),
    ...(m.notes.length ? ['Look at:', ...m.notes.map((n) => `  - ${n}`)] : []),
    `Wrote (${path.relative(process.cwd(), root) || '.'}):`,
    ...result.files.map((f) => `  ${f}`),
    `The subgraph composes and ${result.policyProblemsBefore.length ? 'adds no problem to' : 'passes'} the policy check: its ${fields} fields are all not-shared (未分级：待安全管理员分级) until an officer classifies them in ${LAYOUT.policyFile(m.department)}.`,
    ...(result.policyProblemsBefore.length
      ? [`The policy check had ${result.policyProblemsBefore.length} problem${result.policyProblemsBefore.length > 1 ? 's' : ''} before (not this subgraph's), e.g. ${result.policyProblemsBefore[0]}`]
      : []),
    ...(result.codegen === 'ok' ? [] : [`Resolver types were not generated (${result.codegen}): run \`npm run codegen\`.`]),
    'Next:',
    `  npm run typecheck && npx govgraph policy check`,
    `  GOVGRAPH_${m.name.toUpperCase().replace(/-/g, '_')}_DB_URL='<the --db URL, with a read-only account>' npm start   # serves it on :${m.port} behind the gateway`,
    `  then classify the fields in ${LAYOUT.policyFile(m.department)}, rename what you like in ${dir}/, and commit.`,
  ];
  return lines.join('\n') + '\n';
}

export async function subgraphInitCommand(name: string, opts: SubgraphInitOptions): Promise<void> {
  try {
    const root = path.resolve(opts.root ?? ROOT);
    const port = opts.port === undefined ? undefined : Number(opts.port);
    if (port !== undefined && !Number.isInteger(port)) throw new InitRefusal('INVALID_ARGUMENT', `--port ${opts.port}: a port from 1024 to 65535`);
    const result = await initSubgraph({
      name,
      department: opts.department,
      db: opts.db,
      tables: list(opts.tables),
      typeNames: parseNames(opts.names),
      port,
      root,
      registry: registryOf(root),
      compose: composeServiceList,
      codegen: opts.codegen,
    });
    process.stdout.write(report(result, root));
  } catch (err) {
    if (err instanceof InitRefusal) {
      process.stderr.write(`govgraph subgraph init: ${err.code}: ${err.message}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    process.stderr.write(`govgraph subgraph init: ${String((err as Error)?.message ?? err).split('\n')[0]}\n`);
    process.exitCode = 1;
  }
}
