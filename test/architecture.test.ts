/**
 * The house rules of the tree (README, "How the code is laid out"), checked on every run
 * from the imports themselves — `import type` included, since a type-only edge still
 * couples two modules' designs:
 *
 * - `app/` is the composition root: it wires databases, the access log, grants, the gateway
 *   and the subgraphs into processes. Only the CLI, the benchmarks and the tests import it.
 * - `lib/` holds the mechanisms and imports nothing from `app/`, `gateway/`, `subgraphs/`
 *   or `cli/`.
 * - `gateway/` needs only names and URLs of subgraphs: it imports no department.
 * - A department (`subgraphs/<name>/`) imports no other department, nor the gateway.
 * - No import cycle anywhere in the product's code.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.join(__dirname, '..');
const PRODUCT = ['app', 'lib', 'gateway', 'subgraphs', 'cli'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...sourceFiles(rel));
    } else if (/\.ts$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name)) out.push(rel);
  }
  return out;
}

function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.join(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((c) => c.endsWith('.ts') && fs.existsSync(path.join(ROOT, c)));
}

/** Every product file and the product files it imports (static, dynamic, `import type`). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of PRODUCT.filter((d) => fs.existsSync(path.join(ROOT, d))).flatMap(sourceFiles)) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(path.join(ROOT, file), 'utf8'), true, true);
    graph.set(file, [...new Set(importedFiles.map((i) => resolve(file, i.fileName)).filter((f): f is string => f !== undefined))]);
  }
  return graph;
}

const graph = importGraph();
const top = (file: string) => file.split(path.sep)[0];
const department = (file: string) => (top(file) === 'subgraphs' ? file.split(path.sep)[1] : undefined);

/** `from → to` for every import in `graph` that `forbidden` refuses. */
function violations(forbidden: (from: string, to: string) => boolean): string[] {
  return [...graph].flatMap(([from, tos]) => tos.filter((to) => forbidden(from, to)).map((to) => `${from} → ${to}`));
}

/** Strongly connected components of more than one file (Tarjan). */
function cycles(): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('the house rules of the tree', () => {
  it('reads the product: every top-level part has files and imports', () => {
    for (const dir of PRODUCT) expect([dir, [...graph.keys()].some((f) => top(f) === dir)]).toEqual([dir, true]);
    expect([...graph.values()].flat().length).toBeGreaterThan(500);
  });

  it('only the CLI imports the composition root (app/)', () => {
    expect(violations((from, to) => top(to) === 'app' && !['app', 'cli'].includes(top(from)))).toEqual([]);
  });

  it('lib/ imports nothing from app/, gateway/, subgraphs/ or cli/', () => {
    expect(violations((from, to) => top(from) === 'lib' && ['app', 'gateway', 'subgraphs', 'cli'].includes(top(to)))).toEqual([]);
  });

  it('the gateway imports no department and nothing from app/ or cli/', () => {
    expect(violations((from, to) => top(from) === 'gateway' && ['app', 'subgraphs', 'cli'].includes(top(to)))).toEqual([]);
  });

  it('a department imports no other department, nor the gateway, app/ or cli/', () => {
    expect(
      violations((from, to) => {
        if (top(from) !== 'subgraphs' || from === path.join('subgraphs', 'index.ts')) return false;
        if (['app', 'gateway', 'cli'].includes(top(to))) return true;
        return top(to) === 'subgraphs' && department(to) !== department(from);
      }),
    ).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cycles()).toEqual([]);
  });

  it('finds a cycle and a forbidden edge when there is one (the checks can fail)', () => {
    graph.set('lib/__probe_a.ts', ['lib/__probe_b.ts', 'gateway/server.ts']);
    graph.set('lib/__probe_b.ts', ['lib/__probe_a.ts']);
    try {
      expect(cycles()).toContainEqual(['lib/__probe_a.ts', 'lib/__probe_b.ts']);
      expect(violations((from, to) => top(from) === 'lib' && top(to) === 'gateway')).toContain('lib/__probe_a.ts → gateway/server.ts');
    } finally {
      graph.delete('lib/__probe_a.ts');
      graph.delete('lib/__probe_b.ts');
    }
  });
});
