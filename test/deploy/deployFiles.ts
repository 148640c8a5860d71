/**
 * Reading the deployment files as the tools that run them would: the Dockerfile (dockerfile-ast),
 * deploy/compose.yaml (YAML with merge keys, compose's `${VAR}` interpolation), deploy/k8s/*.yaml;
 * and what the code reads from the environment, to hold the files to it.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { envName } from '../../lib/config';

export const ROOT = path.resolve(__dirname, '..', '..');
export const DOCKERFILE = path.join(ROOT, 'Dockerfile');
export const DOCKERIGNORE = path.join(ROOT, '.dockerignore');
export const COMPOSE_FILE = path.join(ROOT, 'deploy', 'compose.yaml');
export const K8S_DIR = path.join(ROOT, 'deploy', 'k8s');

// ---------------------------------------------------------------- Dockerfile

export interface CopyInstruction {
  from?: string;
  sources: string[];
  dest: string;
}

export interface Stage {
  name?: string;
  image: string;
  workdir?: string;
  env: Record<string, string>;
  user?: string;
  entrypoint?: string[];
  cmd?: string[];
  healthcheck?: { cmd: string[]; flags: Record<string, string> };
  copies: CopyInstruction[];
  runs: string[];
  expose: number[];
}

/** An instruction's arguments as written, joined again (exec-form JSON parses from it). */
const argText = (i: Instruction) =>
  i
    .getArguments()
    .map((a) => a.getValue())
    .join(' ');

function execForm(text: string, what: string): string[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || !parsed.every((s) => typeof s === 'string')) throw new Error(`${what} is not in exec (JSON array) form: ${text}`);
  return parsed;
}

/** The Dockerfile's stages, in order, with what each sets. */
export function parseDockerfile(text = fs.readFileSync(DOCKERFILE, 'utf8')): Stage[] {
  const doc = DockerfileParser.parse(text);
  const stages: Stage[] = [];
  for (const i of doc.getInstructions()) {
    const keyword = i.getKeyword();
    if (keyword === 'FROM') {
      const args = i.getArguments().map((a) => a.getValue());
      const as = args.findIndex((a) => a.toUpperCase() === 'AS');
      stages.push({ name: as >= 0 ? args[as + 1] : undefined, image: args[0], env: {}, copies: [], runs: [], expose: [] });
      continue;
    }
    const stage = stages[stages.length - 1];
    if (!stage) continue;
    switch (keyword) {
      case 'WORKDIR':
        stage.workdir = argText(i);
        break;
      case 'ENV':
        for (const p of (i as unknown as { getProperties(): Array<{ getName(): string; getValue(): string | null }> }).getProperties()) stage.env[p.getName()] = p.getValue() ?? '';
        break;
      case 'USER':
        stage.user = argText(i);
        break;
      case 'ENTRYPOINT':
        stage.entrypoint = execForm(argText(i), 'ENTRYPOINT');
        break;
      case 'CMD':
        stage.cmd = execForm(argText(i), 'CMD');
        break;
      case 'HEALTHCHECK': {
        const args = i.getArguments().map((a) => a.getValue());
        if (args[0] !== 'CMD') throw new Error(`HEALTHCHECK must be CMD …, got ${args.join(' ')}`);
        const flags = Object.fromEntries(
          (i as unknown as { getFlags(): Array<{ getName(): string; getValue(): string | null }> }).getFlags().map((f) => [f.getName(), f.getValue() ?? '']),
        );
        stage.healthcheck = { cmd: execForm(args.slice(1).join(' '), 'HEALTHCHECK CMD'), flags };
        break;
      }
      case 'COPY': {
        const flags = (i as unknown as { getFlags(): Array<{ getName(): string; getValue(): string | null }> }).getFlags();
        const args = i.getArguments().map((a) => a.getValue());
        stage.copies.push({ from: flags.find((f) => f.getName() === 'from')?.getValue() ?? undefined, sources: args.slice(0, -1), dest: args[args.length - 1] });
        break;
      }
      case 'RUN':
        stage.runs.push(argText(i));
        break;
      case 'EXPOSE':
        stage.expose.push(...i.getArguments().map((a) => Number(a.getValue().replace(/\/tcp$/, ''))));
        break;
      default:
        break;
    }
  }
  return stages;
}

/** A .dockerignore pattern as a regular expression: `**` any folders, `*` and `?` within one name (Go's filepath.Match, as Docker). */
function ignorePattern(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
      if (pattern[i + 1] === '/') i++;
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Whether .dockerignore lets `rel` into the build context (last matching pattern wins; `!` re-includes). */
export function inBuildContext(rel: string, ignore = fs.readFileSync(DOCKERIGNORE, 'utf8')): boolean {
  let included = true;
  const patterns = ignore
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  for (const raw of patterns) {
    const negate = raw.startsWith('!');
    const re = ignorePattern((negate ? raw.slice(1) : raw).replace(/\/$/, ''));
    // A pattern matches the path or any folder above it (`!app/` re-includes app/x.ts).
    const parts = rel.split('/');
    if (parts.some((_, n) => re.test(parts.slice(0, n + 1).join('/')))) included = negate;
  }
  return included;
}

// ---------------------------------------------------------------- compose

export type ComposeService = {
  image?: string;
  build?: { context: string; dockerfile?: string };
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  secrets?: Array<string | { source: string; target?: string }>;
  volumes?: string[];
  expose?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  read_only?: boolean;
  [key: string]: unknown;
};
export type ComposeFile = {
  services: Record<string, ComposeService>;
  secrets?: Record<string, { file?: string; environment?: string }>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
};

export function readCompose(file = COMPOSE_FILE): ComposeFile {
  return YAML.parse(fs.readFileSync(file, 'utf8'), { merge: true }) as ComposeFile;
}

/**
 * Compose's interpolation: `$$`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`,
 * `${VAR?error}`, `$VAR` — what `docker compose` does to every value before it runs anything.
 */
export function interpolate(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, name, op, arg, bare) => {
    if (m === '$$') return '$';
    if (bare) return vars[bare] ?? '';
    const v = vars[name];
    const unsetOrEmpty = v === undefined || (op?.startsWith(':') && v === '');
    switch (op) {
      case ':-':
      case '-':
        return unsetOrEmpty ? arg : v!;
      case ':?':
      case '?':
        if (unsetOrEmpty) throw new Error(`compose: ${name}: ${arg}`);
        return v!;
      default:
        return v ?? '';
    }
  });
}

/** The variables a service's values refer to (`${VAR…}` and `$VAR`). */
export function referencedVariables(value: string): string[] {
  return [...value.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)|\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? m[2]);
}

/** A compose service's environment as strings, interpolated. */
export function serviceEnvironment(service: ComposeService, vars: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(v === null ? '' : String(v), vars)]));
}

/** The compose services that run govgraph (built from this repository's Dockerfile). */
export function govgraphServices(compose: ComposeFile): Array<[string, ComposeService]> {
  return Object.entries(compose.services).filter(([, s]) => s.build !== undefined);
}

// ---------------------------------------------------------------- Kubernetes

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: any;
}

/** Every object in a deploy/k8s file. */
export function readK8s(file: string): K8sObject[] {
  return YAML.parseAllDocuments(fs.readFileSync(path.join(K8S_DIR, file), 'utf8'))
    .map((d) => d.toJS() as K8sObject)
    .filter(Boolean);
}

// ---------------------------------------------------------------- what the code reads

/** The product's sources: what runs in a deployment. */
const CODE_DIRS = ['app', 'lib', 'gateway', 'subgraphs', 'cli'];

function codeFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== '__generated__') walk(full);
      } else if (/\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name)) out.push(full);
    }
  };
  for (const d of CODE_DIRS) walk(path.join(ROOT, d));
  return out;
}

/** Code without its comments (block comments and whole-line `//` comments). */
function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .filter((l) => !l.trim().startsWith('//'))
    .join('\n');
}

/**
 * Every GOVGRAPH_* and OTEL_* variable the product's code names outside comments: literal names, and the
 * per-subgraph ones (`GOVGRAPH_${envName(def.name)}_DB_URL`) expanded over `subgraphNames`.
 */
export function variablesReadByCode(subgraphNames: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of codeFiles()) {
    const code = withoutComments(fs.readFileSync(file, 'utf8'));
    for (const m of code.matchAll(/\b(?:GOVGRAPH|OTEL)_[A-Z0-9]+(?:_[A-Z0-9]+)*\b/g)) names.add(m[0]);
    for (const m of code.matchAll(/GOVGRAPH_\$\{[^}]+\}((?:_[A-Z0-9]+)+)/g)) for (const s of subgraphNames) names.add(`GOVGRAPH_${envName(s)}${m[1]}`);
  }
  return names;
}
