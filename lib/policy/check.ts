/**
 * `govgraph policy check`: the policy files against the composed supergraph. Every field of
 * the API schema classified by exactly the provider whose subgraph serves it, nothing
 * classified that the supergraph lacks, grants that name existing fields and never a
 * not-shared one. One human line per problem; none means the policy is fit to deploy.
 *
 * The supergraph is read twice: through @apollo/federation-internals for the API schema
 * (what clients can query: no join__/link__ machinery, no @inaccessible fields), and as a
 * plain graphql-js document for the @join__type / @join__field directives that say which
 * subgraph resolves which field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { ConstDirectiveNode, GraphQLObjectType, GraphQLSchema, isNonNullType, isObjectType, Kind, parse } from 'graphql';
import { checkDivisionCode } from '../ids/division';
import { loadPolicyDir, parseYaml, PolicyError, PolicySet } from './policySet';
import { canWithhold } from './engine';

/** One field of the supergraph's API schema, with the subgraphs that can resolve it. */
export interface SupergraphField {
  type: string;
  field: string;
  /** `Type.field` */
  path: string;
  /** Subgraph names (not enum values) that can resolve the field, sorted. */
  graphs: string[];
  /** The subgraph that owns the field's type (defines most of its fields); first guess for who serves it. */
  owner: string;
}

export interface SupergraphModel {
  /** Every classifiable field, in type order (alphabetical) then declaration order. */
  fields: Map<string, SupergraphField>;
  /** Classifiable object types → their field names. */
  types: Map<string, string[]>;
  /** Root operation types (Query, Mutation, Subscription) of the API schema. */
  rootTypes: Set<string>;
  /** Subgraph names in the supergraph (from `@join__graph(name:)`). */
  subgraphs: string[];
  /** The API schema itself (graphql-js), for callers that need the fields' types. */
  api: GraphQLSchema;
}

const INTERNAL_TYPES = new Set(['_Service', '_Any', '_Entity', '_FieldSet']);
const isInternalType = (name: string) => name.startsWith('__') || INTERNAL_TYPES.has(name) || /^(join|link)__/.test(name);

/**
 * The last supergraph read and its model: a process serves one supergraph, and reading it
 * (building the API schema) costs more than the whole rest of a policy check — which the
 * console's policy-change preview runs on every request.
 */
let lastModel: { sdl: string; model: SupergraphModel } | undefined;

/** Reads the composed supergraph; throws (with the parser's or validator's message) if it is not one. */
export function readSupergraphModel(supergraphSdl: string): SupergraphModel {
  if (lastModel?.sdl === supergraphSdl) return lastModel.model;
  const model = buildSupergraphModel(supergraphSdl);
  lastModel = { sdl: supergraphSdl, model };
  return model;
}

function buildSupergraphModel(supergraphSdl: string): SupergraphModel {
  const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  const rootTypes = new Set([api.getQueryType(), api.getMutationType(), api.getSubscriptionType()].flatMap((t) => (t ? [t.name] : [])));
  const joins = readJoinDirectives(supergraphSdl);

  const fields = new Map<string, SupergraphField>();
  const types = new Map<string, string[]>();
  const typeNames = Object.keys(api.getTypeMap()).sort();
  for (const typeName of typeNames) {
    const type = api.getType(typeName);
    if (!isObjectType(type) || isInternalType(typeName) || rootTypes.has(typeName)) continue;
    const joinType = joins.types.get(typeName);
    const typeGraphs = joinType ? [...joinType.graphs] : [];
    const names = Object.keys(type.getFields());
    types.set(typeName, names);
    // Owner: the graph that resolves most of the type's fields (ties → the resolvable one, then name).
    const tally = new Map<string, number>();
    const resolvers = new Map<string, string[]>();
    for (const field of names) {
      const explicit = joinType?.fields.get(field);
      const graphs = [...new Set(explicit && explicit.length ? explicit : typeGraphs)].sort();
      resolvers.set(field, graphs);
      for (const g of graphs) tally.set(g, (tally.get(g) ?? 0) + 1);
    }
    const owner =
      [...tally.entries()].sort(
        (a, b) => b[1] - a[1] || Number(joinType?.unresolvable.has(a[0]) ?? false) - Number(joinType?.unresolvable.has(b[0]) ?? false) || a[0].localeCompare(b[0]),
      )[0]?.[0] ?? '';
    for (const field of names) {
      const p = `${typeName}.${field}`;
      fields.set(p, { type: typeName, field, path: p, graphs: resolvers.get(field) ?? [], owner });
    }
  }
  return { fields, types, rootTypes, subgraphs: [...joins.graphNames.values()].sort(), api };
}

interface JoinTypeInfo {
  /** Subgraph names with an @join__type on this type. */
  graphs: Set<string>;
  /** Of those, the ones marked `resolvable: false`. */
  unresolvable: Set<string>;
  /** Field → subgraph names from its @join__field directives (external and overridden ones excluded). */
  fields: Map<string, string[]>;
}

/** The raw join__ directives: which graphs have each type and resolve each field. */
function readJoinDirectives(sdl: string): { graphNames: Map<string, string>; types: Map<string, JoinTypeInfo> } {
  const doc = parse(sdl);
  const graphNames = new Map<string, string>(); // enum value (LEGAL_PERSON) → subgraph name (legal-person)
  for (const def of doc.definitions) {
    if (def.kind !== Kind.ENUM_TYPE_DEFINITION || def.name.value !== 'join__Graph') continue;
    for (const v of def.values ?? []) {
      const name = stringArg(v.directives?.find((d) => d.name.value === 'join__graph'), 'name');
      graphNames.set(v.name.value, name ?? v.name.value.toLowerCase().replace(/_/g, '-'));
    }
  }
  const graphOf = (d: ConstDirectiveNode): string | undefined => {
    const arg = d.arguments?.find((a) => a.name.value === 'graph');
    return arg?.value.kind === Kind.ENUM ? (graphNames.get(arg.value.value) ?? arg.value.value) : undefined;
  };
  const types = new Map<string, JoinTypeInfo>();
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    let info = types.get(def.name.value);
    if (!info) types.set(def.name.value, (info = { graphs: new Set(), unresolvable: new Set(), fields: new Map() }));
    for (const d of def.directives ?? []) {
      if (d.name.value !== 'join__type') continue;
      const g = graphOf(d);
      if (!g) continue;
      info.graphs.add(g);
      if (boolArg(d, 'resolvable') === false) info.unresolvable.add(g);
    }
    for (const f of def.fields ?? []) {
      const joinFields = (f.directives ?? []).filter((d) => d.name.value === 'join__field');
      if (!joinFields.length) continue;
      const graphs: string[] = [];
      let unscoped = false;
      for (const d of joinFields) {
        const g = graphOf(d);
        if (!g) unscoped = true; // @join__field without a graph: no restriction
        else if (boolArg(d, 'external') !== true && boolArg(d, 'usedOverridden') !== true) graphs.push(g);
      }
      if (!unscoped && graphs.length) info.fields.set(f.name.value, graphs);
    }
  }
  return { graphNames, types };
}

function stringArg(d: ConstDirectiveNode | undefined, name: string): string | undefined {
  const a = d?.arguments?.find((x) => x.name.value === name);
  return a?.value.kind === Kind.STRING ? a.value.value : undefined;
}

function boolArg(d: ConstDirectiveNode, name: string): boolean | undefined {
  const a = d.arguments?.find((x) => x.name.value === name);
  return a?.value.kind === Kind.BOOLEAN ? a.value.value : undefined;
}

export interface CheckOptions {
  /** Subgraph name → provider department (from `subgraphs/index.ts`); enables the provider/department check. */
  departments?: Record<string, string>;
  /** How the policy directory is named in messages. @default the path relative to the cwd */
  displayDir?: string;
}

export interface CheckResult {
  problems: string[];
  /** The loaded policy, when the files load at all. */
  policy?: PolicySet;
}

/** One line per problem; an empty list means the policy and the supergraph agree. */
export function checkPolicy(supergraphSdl: string, dir: string, options: CheckOptions = {}): string[] {
  return checkPolicyDetailed(supergraphSdl, dir, options).problems;
}

export function checkPolicyDetailed(supergraphSdl: string, dir: string, options: CheckOptions = {}): CheckResult {
  const shown = options.displayDir ?? displayPath(dir);
  const inDir = (file: string) => `${shown}/${file}`;

  let model: SupergraphModel;
  try {
    model = readSupergraphModel(supergraphSdl);
  } catch (err) {
    return { problems: [`the supergraph cannot be read: ${firstLine((err as Error).message)}`] };
  }

  let policy: PolicySet;
  try {
    policy = loadPolicyDir(dir);
  } catch (err) {
    if (!(err instanceof PolicyError)) return { problems: [`${shown}: ${firstLine((err as Error).message)}`] };
    // Load problems name the file relative to the directory (`x.yaml: …`, or `x.yaml:3:7: …`
    // for a YAML syntax error, its only problem): show where it is.
    return { problems: err.problems.map((p) => (/^[^\s:]+\.ya?ml:/.test(p) ? inDir(p) : p)) };
  }

  const problems: string[] = [];
  const fileOf = providerFiles(dir); // provider → file name
  const providerFile = (provider: string) => inDir(fileOf.get(provider) ?? `${provider}.yaml`);
  const subgraphSet = new Set(model.subgraphs);

  // Provider files: a subgraph that exists, and (when known) the department that runs it.
  for (const p of policy.providers) {
    if (!subgraphSet.has(p.subgraph)) {
      problems.push(`${providerFile(p.provider)}: subgraph ${p.subgraph} is not in the supergraph (its subgraphs: ${model.subgraphs.join(', ')})`);
    } else if (options.departments && options.departments[p.subgraph] && options.departments[p.subgraph] !== p.provider) {
      problems.push(`${providerFile(p.provider)}: provider ${p.provider} does not run subgraph ${p.subgraph} (${options.departments[p.subgraph]} does)`);
    }
  }

  // Classified items: exist, and are served by the subgraph the file says.
  for (const entry of policy.fields.values()) {
    const [type] = entry.path.split('.');
    const file = providerFile(entry.provider);
    if (model.rootTypes.has(type)) {
      problems.push(`unknown field in ${file}: ${entry.path} — root fields are not classified (the fields of what they return are)`);
      continue;
    }
    const known = model.fields.get(entry.path);
    if (!model.types.has(type)) {
      problems.push(`unknown type in ${file}: ${type} (${entry.path})`);
    } else if (!known) {
      problems.push(`unknown field in ${file}: ${entry.path}`);
    } else if (subgraphSet.has(entry.subgraph) && !known.graphs.includes(entry.subgraph)) {
      problems.push(`wrong subgraph in ${file}: ${entry.path} is classified for ${entry.subgraph}, but it is resolved by ${known.graphs.join(', ')}`);
    }
  }

  // A field the policy can withhold is nullable: withheld means `null` plus a FORBIDDEN error
  // at that field, which a non-null field cannot carry — its parent would be nulled instead,
  // and with it whatever else the client asked for (README, "Sharing policies").
  for (const entry of policy.fields.values()) {
    const f = model.fields.get(entry.path);
    if (!f || !canWithhold(entry.policy)) continue;
    const type = (model.api.getType(f.type) as GraphQLObjectType).getFields()[f.field].type;
    if (!isNonNullType(type)) continue;
    const why = entry.policy.sharing !== 'unconditional' ? entry.policy.sharing : 'personal';
    problems.push(
      `non-null but withholdable: ${entry.path} is ${String(type)} in the schema and ${why} in ${providerFile(entry.provider)} — ` +
        `make it ${String(type.ofType)} in subgraphs/${entry.subgraph}/schema.graphql, or classify it unconditional and not personal`,
    );
  }

  // Every field of the API schema classified (deny by default would hide it: a silent gap).
  for (const f of model.fields.values()) {
    if (policy.field(f.path)) continue;
    const candidates = [f.owner, ...f.graphs.filter((g) => g !== f.owner)].filter((g) => f.graphs.includes(g));
    const files = candidates.flatMap((g) => {
      const owners = policy.providers.filter((p) => p.subgraph === g).map((p) => providerFile(p.provider));
      if (owners.length) return owners;
      const dept = options.departments?.[g];
      return dept ? [inDir(`${dept}.yaml`)] : [];
    });
    const where = files.length ? `classify it in ${files[0]}` : `classify it in the policy file of the ${candidates[0] ?? 'serving'} subgraph's provider`;
    problems.push(`unclassified: ${f.path} (served by ${f.graphs.join(', ') || 'no subgraph'}) — ${where}`);
  }

  // Grants: name existing fields, never open a not-shared one, never "grant" a provider its own data.
  for (const g of policy.grants.values()) {
    const named = [...new Set([...g.fields, ...g.unmasked])];
    const own: string[] = [];
    for (const p of named) {
      const [type, field] = p.split('.');
      if (!model.types.has(type)) {
        problems.push(`grant ${g.id} lists ${p}, but the supergraph has no type ${type}`);
        continue;
      }
      if (field === '*') {
        const providers = new Set(model.types.get(type)!.map((f) => policy.field(`${type}.${f}`)?.provider));
        if (providers.size === 1 && providers.has(g.consumer)) own.push(p);
        continue;
      }
      if (!model.fields.has(p)) {
        problems.push(`grant ${g.id} lists ${p}, which the supergraph does not have`);
        continue;
      }
      const entry = policy.field(p);
      if (entry?.policy.sharing === 'not-shared') problems.push(`grant ${g.id} lists ${p}, which is not-shared — a grant can never open it`);
      if (entry?.provider === g.consumer) own.push(p);
    }
    if (own.length) problems.push(`grant ${g.id}: consumer ${g.consumer} is the provider of ${own.join(', ')} — a department reads its own data without a grant`);
    const division = checkDivisionCode(g.jurisdiction);
    if (!division.ok) problems.push(`grant ${g.id}: jurisdiction ${g.jurisdiction} ${division.problem}`);
  }

  return { problems, policy };
}

/** provider → the file (relative to `dir`) that declares it. */
export function providerFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of fs.readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    // A file that does not parse names no provider (loadPolicyDir reports it).
    const parsed = parseYaml(f, fs.readFileSync(path.join(dir, f), 'utf8'));
    const doc = 'value' in parsed ? (parsed.value as { provider?: unknown } | null) : null;
    if (doc && typeof doc.provider === 'string' && !out.has(doc.provider)) out.set(doc.provider, f);
  }
  return out;
}

/** `policies` for `<cwd>/policies`; the absolute path for a directory outside the cwd. */
export function displayPath(dir: string): string {
  const rel = path.relative(process.cwd(), path.resolve(dir));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : path.resolve(dir);
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}
