/**
 * The compiled build (scripts/build.js) and the command that runs it (bin/govgraph.js):
 * a build in a scratch tree compiles the product's TypeScript and copies the files the code
 * reads from its own folder, leaves out tests and the supergraph, and is rebuilt exactly when a
 * source or the recipe changes, or a source is added or deleted; the real command prints its version, answers
 * `--help` without loading any command's module, and finds the package root and its assets
 * from dist/.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '..', '..');
const BIN = path.join(REPO, 'bin', 'govgraph.js');
const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

interface BuildModule {
  build(): { files: number; assets: number; ms: number };
  ensureBuilt(): boolean;
  staleness(): string | undefined;
}

describe('scripts/build.js in a scratch tree', () => {
  let root: string;
  let builder: BuildModule;
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  /** A new modification time (any other than the file's). */
  const touch = (rel: string) => {
    const st = fs.statSync(path.join(root, rel));
    const other = new Date(st.mtimeMs + 1_000);
    fs.utimesSync(path.join(root, rel), other, other);
  };

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-build-'));
    write('package.json', JSON.stringify({ name: 'scratch', version: '9.8.7' }));
    write('tsconfig.json', fs.readFileSync(path.join(REPO, 'tsconfig.json'), 'utf8'));
    fs.mkdirSync(path.join(root, 'scripts'), { recursive: true });
    fs.copyFileSync(path.join(REPO, 'scripts', 'build.js'), path.join(root, 'scripts', 'build.js'));
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'));
    write('lib/config.ts', "import path from 'node:path';\nexport const ROOT = path.resolve(__dirname, __filename.endsWith('.ts') ? '..' : path.join('..', '..'));\n");
    write('lib/answer.ts', 'export enum Answer { Yes = 1 }\nexport const answer = (n: number): number => n * 2;\n');
    write('lib/answer.test.ts', "test('x', () => undefined);\n");
    write('subgraphs/people/schema.graphql', 'type Query { x: Int }\n');
    write('subgraphs/people/server.ts', "import { answer } from '../../lib/answer';\nexport const value = answer(21);\n");
    write('gateway/supergraph.graphql', 'schema { query: Query }\n');
    write('gateway/graphiql/index.html', '<html></html>\n');
    // Loaded from the scratch tree: its ROOT is the scratch root.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    builder = require(path.join(root, 'scripts', 'build.js')) as BuildModule;
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('compiles every source, copies the assets, leaves out tests and the supergraph', () => {
    expect(builder.staleness()).toMatch(/not been built/);
    expect(builder.ensureBuilt()).toBe(true);
    const dist = path.join(root, 'dist');
    expect(fs.existsSync(path.join(dist, 'lib', 'answer.js'))).toBe(true);
    expect(fs.existsSync(path.join(dist, 'lib', 'answer.js.map'))).toBe(true);
    expect(fs.existsSync(path.join(dist, 'lib', 'answer.test.js'))).toBe(false);
    expect(fs.readFileSync(path.join(dist, 'subgraphs', 'people', 'schema.graphql'), 'utf8')).toBe('type Query { x: Int }\n');
    expect(fs.existsSync(path.join(dist, 'gateway', 'graphiql', 'index.html'))).toBe(true);
    expect(fs.existsSync(path.join(dist, 'gateway', 'supergraph.graphql'))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(dist, 'BUILD.json'), 'utf8'))).toMatchObject({ version: '9.8.7', files: 3, assets: 2 });
    // The compiled code runs, and finds the package root above dist/.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect((require(path.join(dist, 'subgraphs', 'people', 'server.js')) as { value: number }).value).toBe(42);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect((require(path.join(dist, 'lib', 'config.js')) as { ROOT: string }).ROOT).toBe(root);
    expect(fs.readdirSync(root).filter((n) => n.startsWith('dist.'))).toEqual([]);
  });

  it('is current until a source, an asset or the recipe changes', () => {
    expect(builder.staleness()).toBeUndefined();
    expect(builder.ensureBuilt()).toBe(false);
    for (const rel of ['lib/answer.ts', 'subgraphs/people/schema.graphql', 'tsconfig.json', 'scripts/build.js']) {
      touch(rel);
      expect([rel, builder.staleness()]).toEqual([rel, expect.stringMatching(/sources changed/)]);
      expect(builder.ensureBuilt()).toBe(true);
      expect(builder.ensureBuilt()).toBe(false);
    }
    // A test file is no source of the build.
    touch('lib/answer.test.ts');
    expect(builder.staleness()).toBeUndefined();
  });

  it('drops what a deleted source compiled to', () => {
    write('lib/gone.ts', 'export const gone = 1;\n');
    touch('lib/gone.ts');
    builder.ensureBuilt();
    expect(fs.existsSync(path.join(root, 'dist', 'lib', 'gone.js'))).toBe(true);
    fs.rmSync(path.join(root, 'lib', 'gone.ts'));
    expect(builder.ensureBuilt()).toBe(true);
    expect(fs.existsSync(path.join(root, 'dist', 'lib', 'gone.js'))).toBe(false);
  });

  it('refuses a source that does not compile, and keeps the last build', () => {
    write('lib/broken.ts', 'export const = ;\n');
    touch('lib/broken.ts');
    expect(() => builder.ensureBuilt()).toThrow(/lib\/broken\.ts:1/);
    expect(fs.existsSync(path.join(root, 'dist', 'lib', 'answer.js'))).toBe(true);
    expect(fs.readdirSync(root).filter((n) => n.startsWith('dist.'))).toEqual([]);
    fs.rmSync(path.join(root, 'lib', 'broken.ts'));
  });
});

describe('bin/govgraph.js', () => {
  beforeAll(async () => {
    // The real dist/, built if the sources moved on (as any command would).
    await run(process.execPath, [BIN, '--version']);
  });

  it('prints the version of package.json, compiled and from the sources', async () => {
    expect((await run(process.execPath, [BIN, '--version'])).stdout.trim()).toBe(VERSION);
    expect((await run(process.execPath, [BIN, '--version'], { env: { ...process.env, GOVGRAPH_TSX: '1' } })).stdout.trim()).toBe(VERSION);
  });

  it('answers --help without loading any command, the gateway, a subgraph or a database driver', async () => {
    // Prints, at exit, every module of this repository and every package the process loaded.
    const probe = path.join(os.tmpdir(), `govgraph-loaded-${process.pid}.js`);
    fs.writeFileSync(
      probe,
      `process.on('exit', () => { process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'); });\n`,
    );
    try {
      const { stdout, stderr } = await run(process.execPath, ['-r', probe, BIN, '--help']);
      expect(stdout).toMatch(/Usage: govgraph/);
      const loaded = JSON.parse(/LOADED (.*)/.exec(stderr)![1]) as string[];
      const ours = loaded.filter((f) => f.startsWith(path.join(REPO, 'dist'))).map((f) => path.relative(path.join(REPO, 'dist'), f));
      expect(ours.length).toBeGreaterThan(0);
      expect(ours.filter((f) => /^(app|gateway|subgraphs)\//.test(f) || /^cli\/commands\//.test(f))).toEqual([]);
      expect(loaded.filter((f) => /node_modules\/(pg|mysql2|knex|@electric-sql|@apollo|graphql)\//.test(f))).toEqual([]);
    } finally {
      fs.rmSync(probe, { force: true });
    }
  });

  it('runs a command from the compiled output, which finds the policies and the supergraph at the package root', async () => {
    const env = { ...process.env };
    delete env.GOVGRAPH_POLICY_DIR;
    const { stdout } = await run(process.execPath, [BIN, 'policy', 'check'], { env });
    expect(stdout).toMatch(/^policy OK: \d+ fields classified/);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require(path.join(REPO, 'dist', 'lib', 'config.js')) as { ROOT: string };
    expect(config.ROOT).toBe(REPO);
    for (const name of fs.readdirSync(path.join(REPO, 'subgraphs')).filter((n) => fs.existsSync(path.join(REPO, 'subgraphs', n, 'schema.graphql')))) {
      expect(fs.existsSync(path.join(REPO, 'dist', 'subgraphs', name, 'schema.graphql'))).toBe(true);
    }
    expect(fs.existsSync(path.join(REPO, 'dist', 'gateway', 'graphiql', 'index.html'))).toBe(true);
  });
});
