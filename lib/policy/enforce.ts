/**
 * Compiles the sharing policy into one subgraph's schema.
 *
 * Two layers:
 * - **Root operations** get graphql-shield: `fallbackRule: deny`, every root field named
 *   (`allow`, or the subgraph's role rules such as the sharing subgraph's), `_service` and
 *   `_entities` allowed explicitly, `allowExternalErrors` so a resolver's own failure is never
 *   reported as a denial. Root fields are few, so shield's per-field cost does not matter.
 * - **Every field of every object type** — entity types included, so `_entities` cannot walk
 *   around it — gets a compiled guard: the decision (lib/policy/engine.ts), the access-log
 *   note for personal fields, masking and sealing of keys, deny by default.
 *
 * Why not graphql-shield on every field as well: shield wraps each field in an async
 * middleware (and graphql-middleware adds another), so each of the ~6,000 fields of a
 * 500-row answer costs several promises — measured on `persons500` (bench/): 60% of the
 * throughput. The guard decides synchronously, allocates nothing for an allowed synchronous
 * field, and returns a denial as an error value; its semantics are the ones graphql-shield's traps
 * under federation call for: deny by default, decisions read `parent` per record and are
 * memoised per request on (field, division) only — never cached across records or requests —
 * and a resolver's failure stays that failure, never a `FORBIDDEN`.
 */
import type { DocumentNode, GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { defaultFieldResolver, getNamedType, isLeafType, isObjectType, Kind } from 'graphql';
import { shield, allow, deny, type IRules } from 'graphql-shield';
import { applyMiddleware, type IMiddlewareFunction, type IMiddlewareGenerator, type IMiddlewareTypeMap } from 'graphql-middleware';
import { errors } from '../errors';
import { decide, Decision, GrantStatus, Requester } from './engine';
import { applyMask, MASK_RULES, MaskRule } from './mask';
import type { PolicySet } from './policySet';
import type { Sealer, WithheldKey } from './seal';
import type { AccessCollector } from '../audit/collector';

/** What the subgraph's context carries for enforcement; fixed for the whole request. */
export interface PolicyScope {
  policy: PolicySet;
  requester: Requester;
  grant: GrantStatus;
  /** Per-request memo: field path → record division (undefined when not applicable) → decision. */
  decisions: Map<string, Map<string | null | undefined, Decision>>;
}

export interface PolicyContext {
  policyScope: PolicyScope;
  /** Collects every decision on personal data for the access log; absent = not logged (benchmark baseline only). */
  access?: AccessCollector;
}

/** How to find the division of a record of a type, for jurisdiction (属地管理). */
export type RecordDivisions = Record<string, (parent: any) => string | null | undefined>;

/** How to find whose record it is (身份号码, 统一社会信用代码 …), for the access log. */
export type RecordSubjects = Record<string, (parent: any) => string | null | undefined>;

export interface EnforcementOptions {
  subgraph: string;
  /** The department that provides this subgraph (it sees its own data in full). */
  department: string;
  typeDefs: DocumentNode;
  recordDivisions: RecordDivisions;
  recordSubjects: RecordSubjects;
  /** Role rules for root fields; other root fields are allowed (their results are checked field by field). */
  operationRules?: Partial<Record<string, IRules>>;
  sealer: Sealer;
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** One shared decision object per mask rule, for what a foreign key is shown as (the access log groups by decision object). */
const MASKED_AS = Object.fromEntries(MASK_RULES.map((rule) => [rule, { effect: 'masked', rule } as Decision])) as Record<MaskRule, Decision>;

export function newPolicyScope(policy: PolicySet, requester: Requester, grant: GrantStatus): PolicyScope {
  return { policy, requester, grant, decisions: new Map() };
}

export function enforcePolicy(schema: GraphQLSchema, opts: EnforcementOptions): GraphQLSchema {
  const keys = keyFieldsOf(opts.typeDefs);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || ROOT_TYPES.has(type.name) || type.name === '_Service') continue;
    for (const [fieldName, field] of Object.entries(type.getFields())) {
      field.resolve = guard(type.name, fieldName, field.resolve ?? defaultFieldResolver, isLeafType(getNamedType(field.type)), keys, opts);
    }
  }
  const entities = schema.getQueryType()?.getFields()._entities;
  if (entities) {
    // Representations may carry sealed keys: open them before any resolver sees them.
    const resolveEntities = entities.resolve ?? defaultFieldResolver;
    entities.resolve = (parent, args, ctx, info) => resolveEntities(parent, { ...args, representations: opts.sealer.openDeep(args.representations) }, ctx, info);
  }
  return applyMiddleware(schema, rootRules(schema, opts.operationRules ?? {}), failuresAsErrors(schema));
}

/**
 * graphql-shield with `allowExternalErrors` *returns* a resolver's failure as the field's value
 * and leaves graphql-js to throw it — which graphql-js does only for `instanceof Error`. A
 * thrown non-Error (a plain object, a string) or an Error of another realm (Node's own
 * `connect ECONNREFUSED` under a VM sandbox such as jest's) would become the field's *data*:
 * a `Person` made of the error object, its fields then denied OUT_OF_JURISDICTION for want of
 * a division — a database outage answered, and logged, as a policy denial. Inside shield,
 * every failure of a root field is made an Error of this realm first.
 */
function failuresAsErrors(schema: GraphQLSchema): IMiddlewareTypeMap {
  const rethrow: IMiddlewareFunction = async (resolve, parent, args, ctx, info) => {
    try {
      return await resolve(parent, args, ctx, info);
    } catch (err) {
      throw err instanceof Error ? err : new Error('a resolver failed with a value that is not an Error', { cause: err });
    }
  };
  return Object.fromEntries([...ROOT_TYPES].filter((name) => isObjectType(schema.getType(name))).map((name) => [name, rethrow]));
}

/**
 * graphql-shield for the root types only: every root field named (`allow` unless the
 * subgraph gives a role rule), anything unnamed denied.
 */
function rootRules(schema: GraphQLSchema, operationRules: Partial<Record<string, IRules>>): IMiddlewareTypeMap {
  const ruleTree: Record<string, unknown> = {};
  for (const name of ROOT_TYPES) {
    const type = schema.getType(name);
    if (!isObjectType(type)) continue;
    ruleTree[name] = { ...Object.fromEntries(Object.keys(type.getFields()).map((f) => [f, allow])), ...(operationRules[name] as object | undefined) };
  }
  const generator = shield(ruleTree as never, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => errors.forbidden('NOT_SHARED'),
    debug: false,
  }) as IMiddlewareGenerator<unknown, unknown, unknown>;
  // Shield would also wrap every other field with its fallback; the guard has those.
  const all = generator.generate(schema) as IMiddlewareTypeMap;
  return Object.fromEntries(Object.entries(all).filter(([type]) => ROOT_TYPES.has(type)));
}

type Resolver = GraphQLFieldResolver<unknown, PolicyContext>;

/** The guarded resolver of one field: decide, note, deny or resolve, then mask or seal. */
function guard(typeName: string, fieldName: string, resolve: Resolver, leaf: boolean, keys: Set<string>, opts: EnforcementOptions): Resolver {
  const path = `${typeName}.${fieldName}`;
  const isKey = keys.has(path);
  const divisionOf = opts.recordDivisions[typeName];
  const subjectOf = opts.recordSubjects[typeName];
  // A key leaves sealed, so the next subgraph can still resolve it (lib/policy/seal.ts). Built
  // once per field, not per call: this runs for every masked value of every row.
  const withhold = (v: unknown, denial: WithheldKey) => (typeof v === 'string' ? opts.sealer.withhold(v, denial) : null);
  const shape: (v: unknown, rule: MaskRule) => unknown = isKey
    ? (v, rule) => (typeof v === 'string' ? opts.sealer.seal(v, applyMask(rule, v) as string) : applyMask(rule, v))
    : (v, rule) => applyMask(rule, v);

  return (parent, args, ctx, info: GraphQLResolveInfo) => {
    const scope = ctx.policyScope;
    const entry = scope.policy.field(path);
    const personal = entry?.policy.personal === true;
    // Jurisdiction: `undefined` = not applicable, `null` = unknown (denies). A key of an entity
    // another department owns is only a reference here; its owner checks jurisdiction when it
    // resolves the record, and such keys always leave sealed (below).
    const division = !personal || (isKey && entry!.subgraph !== opts.subgraph) ? undefined : divisionOf ? (divisionOf(parent) ?? null) : null;
    // Memo per request: path → division → decision (two lookups, no key string per call).
    let byDivision = scope.decisions.get(path);
    if (!byDivision) scope.decisions.set(path, (byDivision = new Map()));
    let d = byDivision.get(division);
    if (!d) {
      d = decide(scope.policy, scope.requester, scope.grant, path, division, opts.department);
      byDivision.set(division, d);
    }
    // A personal key known here only as a reference, shown in full by policy, still leaves
    // masked: this department cannot check the subject's jurisdiction.
    const foreignMask: MaskRule | undefined =
      d.effect === 'full' && isKey && personal && entry!.subgraph !== opts.subgraph && scope.requester.dept !== opts.department
        ? entry!.policy.mask === 'none'
          ? 'idNumber'
          : entry!.policy.mask
        : undefined;
    if (personal && ctx.access) {
      ctx.access.note(path, foreignMask ? MASKED_AS[foreignMask] : d, subjectOf?.(parent), d.effect === 'denied' ? undefined : info.path);
    }
    if (d.effect === 'denied') {
      // A withheld key still leaves, sealed with its denial (lib/policy/seal.ts): the gateway
      // needs it to join, and shows the client `null` plus this denial only where the client
      // selected the key itself — not where the gateway fetched it for a join.
      if (isKey) {
        const denial = { reason: d.reason, policyRevision: scope.policy.revision, serviceName: opts.subgraph };
        const value = resolve(parent, args, ctx, info);
        return isPromiseLike(value) ? value.then((v) => withhold(v, denial)) : withhold(value, denial);
      }
      // A returned error is the field's error (graphql-js throws it at this path): no promise.
      return errors.forbidden(d.reason, { policyRevision: scope.policy.revision });
    }

    const value = resolve(parent, args, ctx, info);
    if (!leaf) return value;
    const rule = d.effect === 'masked' ? d.rule : foreignMask;
    if (!rule) return value;
    return isPromiseLike(value) ? value.then((v) => shape(v, rule)) : shape(value, rule);
  };
}

function isPromiseLike(v: unknown): v is PromiseLike<unknown> {
  return typeof (v as PromiseLike<unknown> | null)?.then === 'function';
}

/** `Type.field` for every single-field `@key` declared in the subgraph's SDL. */
function keyFieldsOf(typeDefs: DocumentNode): Set<string> {
  const keys = new Set<string>();
  for (const def of typeDefs.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const dir of def.directives ?? []) {
      if (dir.name.value !== 'key') continue;
      const fields = dir.arguments?.find((a) => a.name.value === 'fields');
      if (fields?.value.kind === Kind.STRING && /^\w+$/.test(fields.value.value.trim())) keys.add(`${def.name.value}.${fields.value.value.trim()}`);
    }
  }
  return keys;
}
