/**
 * A loaded, validated policy: provider files plus grants, indexed by `Type.field`, with a
 * revision that every decision records.
 *
 * The revision is the content hash of the policy files and nothing else ({@link policyRevision}),
 * so `govgraph policy check|explain`, `govgraph catalog`, `npm start`, FORBIDDEN errors and
 * access records all name the same revision for the same files. Grants from the application
 * workflow change at run time without changing it: a decision under one of them is traced by
 * its grant id (in every access record) and the grant's own history in the platform database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import YAML, { LineCounter } from 'yaml';
import { FieldPolicy, Grant, GrantFileSchema, ProviderPolicy, ProviderPolicySchema, formatIssues } from './schema';

export interface FieldEntry {
  path: string;
  provider: string;
  subgraph: string;
  policy: FieldPolicy;
  /** Listed in the resource catalog (the type's `catalog` flag). */
  catalog: boolean;
}

export class PolicySet {
  private constructor(
    readonly revision: string,
    readonly providers: ProviderPolicy[],
    readonly fields: ReadonlyMap<string, FieldEntry>,
    readonly grants: ReadonlyMap<string, Grant>,
  ) {}

  field(path: string): FieldEntry | undefined {
    return this.fields.get(path);
  }

  /** Builds a set; throws PolicyError listing every problem (never a partial policy). */
  static build(revision: string, providers: ProviderPolicy[], grants: Grant[]): PolicySet {
    const problems: string[] = [];
    const fields = new Map<string, FieldEntry>();
    for (const p of providers) {
      for (const [type, t] of Object.entries(p.types)) {
        for (const [field, policy] of Object.entries(t.fields)) {
          const key = `${type}.${field}`;
          const seen = fields.get(key);
          if (seen) problems.push(`${key} is classified twice (by ${seen.provider} and ${p.provider}); 一数一源: one provider per item`);
          fields.set(key, { path: key, provider: p.provider, subgraph: p.subgraph, policy, catalog: t.catalog });
        }
      }
    }
    const byId = new Map<string, Grant>();
    for (const g of grants) {
      if (byId.has(g.id)) problems.push(`grant ${g.id} is defined twice`);
      byId.set(g.id, g);
    }
    if (problems.length) throw new PolicyError(problems);
    return new PolicySet(revision, providers, fields, byId);
  }

  /**
   * The same policy files with another grant list (the files' grants plus the application
   * workflow's). The revision stays the files': it names the policy, not the grants in force.
   */
  withGrants(grants: Grant[]): PolicySet {
    return PolicySet.build(this.revision, this.providers, grants);
  }
}

export class PolicyError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** One policy file: its path relative to the policy directory (`/`-separated) and its text. */
export interface PolicyFile {
  rel: string;
  text: string;
}

/**
 * The policy revision: 16 hex digits of the SHA-256 over every policy file's relative path and
 * content, in the order {@link loadPolicyDir} reads them (provider files, then grant files,
 * each sorted by name). The one function that computes it, wherever a revision is shown or
 * recorded.
 */
export function policyRevision(files: readonly PolicyFile[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.rel).update('\0').update(f.text).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** Reads `dir/*.yaml` (provider policies) and `dir/grants/*.yaml`. */
export function loadPolicyDir(dir: string): PolicySet {
  const problems: string[] = [];
  const files: PolicyFile[] = [];
  const providers: ProviderPolicy[] = [];
  const grants: Grant[] = [];
  /** The file's YAML, or undefined after recording its one syntax problem. */
  const read = (rel: string): { value: unknown } | undefined => {
    const text = fs.readFileSync(path.join(dir, rel), 'utf8');
    files.push({ rel, text });
    const parsed = parseYaml(rel, text);
    if ('value' in parsed) return parsed;
    problems.push(parsed.problem);
    return undefined;
  };
  const yamlFiles = (sub: string) =>
    fs.existsSync(path.join(dir, sub))
      ? fs
          .readdirSync(path.join(dir, sub))
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
          .map((f) => (sub === '.' ? f : `${sub}/${f}`))
      : [];
  // A file that is not YAML is not validated further: its schema "problems" would only be
  // echoes of the syntax error.
  for (const rel of yamlFiles('.')) {
    const yaml = read(rel);
    if (!yaml) continue;
    const parsed = ProviderPolicySchema.safeParse(yaml.value);
    if (parsed.success) providers.push(parsed.data);
    else problems.push(...formatIssues(rel, parsed.error));
  }
  for (const rel of yamlFiles('grants')) {
    const yaml = read(rel);
    if (!yaml) continue;
    const parsed = GrantFileSchema.safeParse(yaml.value);
    if (parsed.success) grants.push(...parsed.data.grants);
    else problems.push(...formatIssues(rel, parsed.error));
  }
  if (!providers.length && !problems.length) problems.push(`${dir}: no provider policy files (*.yaml)`);
  if (problems.length) throw new PolicyError(problems);
  return PolicySet.build(policyRevision(files), providers, grants);
}

/**
 * Parses one YAML file. A syntax error is one problem, `file:line:column: message`, at the
 * first error the parser met: the errors after it are mostly the parser losing its footing
 * (one missing `:` can yield dozens), and an editor jumps to `file:line:column` directly.
 */
export function parseYaml(file: string, text: string): { value: unknown } | { problem: string } {
  // A policy change reads the same few files four times over (as they are, as edited, each
  // checked in a scratch copy): parsed once per text, previewing one costs a fifth as much. The
  // value is only ever read (zod's parse copies what it keeps), so sharing it is safe.
  const key = `${file}\0${text}`;
  const known = parsedFiles.get(key);
  if (known) return known;
  const parsed = parseYamlText(file, text);
  if (parsedFiles.size >= PARSED_FILES_KEPT) parsedFiles.delete(parsedFiles.keys().next().value!);
  parsedFiles.set(key, parsed);
  return parsed;
}

/** Parsed policy files by name and text, oldest first; a few dozen files, a few hundred KB at most. */
const parsedFiles = new Map<string, { value: unknown } | { problem: string }>();
const PARSED_FILES_KEPT = 64;

function parseYamlText(file: string, text: string): { value: unknown } | { problem: string } {
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(text, { prettyErrors: false, lineCounter });
  const first = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
  if (first) {
    const at = first.pos[0] >= 0 ? lineCounter.linePos(first.pos[0]) : undefined;
    return { problem: `${file}${at ? `:${at.line}:${at.col}` : ''}: YAML syntax error: ${first.message.split('\n')[0]}` };
  }
  try {
    return { value: doc.toJS() };
  } catch (err) {
    // e.g. an alias to an anchor that does not exist, or an alias bomb
    return { problem: `${file}: ${(err as Error).message.split('\n')[0]}` };
  }
}
