/**
 * A loaded, validated policy: provider files plus grants, indexed by `Type.field`, with a
 * revision (content hash) that every decision records.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import YAML from 'yaml';
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

  /** The same provider policy with another grant list (grants from the application workflow). */
  withGrants(grants: Grant[], extraRevision: string): PolicySet {
    const revision = createHash('sha256').update(this.revision).update(extraRevision).digest('hex').slice(0, 16);
    return PolicySet.build(revision, this.providers, grants);
  }
}

export class PolicyError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Reads `dir/*.yaml` (provider policies) and `dir/grants/*.yaml`. */
export function loadPolicyDir(dir: string): PolicySet {
  const problems: string[] = [];
  const hash = createHash('sha256');
  const providers: ProviderPolicy[] = [];
  const grants: Grant[] = [];
  const read = (rel: string) => {
    const text = fs.readFileSync(path.join(dir, rel), 'utf8');
    hash.update(rel).update('\0').update(text).update('\0');
    const doc = YAML.parseDocument(text, { prettyErrors: true });
    if (doc.errors.length) {
      problems.push(...doc.errors.map((e) => `${rel}: ${e.message.split('\n')[0]}`));
      return undefined;
    }
    return doc.toJS();
  };
  const yamlFiles = (sub: string) =>
    fs.existsSync(path.join(dir, sub))
      ? fs
          .readdirSync(path.join(dir, sub))
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
          .map((f) => path.join(sub, f))
      : [];
  for (const rel of yamlFiles('.')) {
    const parsed = ProviderPolicySchema.safeParse(read(rel));
    if (parsed.success) providers.push(parsed.data);
    else if (parsed.error) problems.push(...formatIssues(rel, parsed.error));
  }
  for (const rel of yamlFiles('grants')) {
    const parsed = GrantFileSchema.safeParse(read(rel));
    if (parsed.success) grants.push(...parsed.data.grants);
    else problems.push(...formatIssues(rel, parsed.error));
  }
  if (!providers.length && !problems.length) problems.push(`${dir}: no provider policy files (*.yaml)`);
  if (problems.length) throw new PolicyError(problems);
  return PolicySet.build(hash.digest('hex').slice(0, 16), providers, grants);
}
