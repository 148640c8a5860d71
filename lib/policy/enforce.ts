/**
 * Compiles the sharing policy into graphql-shield rules and a masking middleware for one
 * subgraph schema. The traps CONVENTIONS.md lists are handled here, once:
 * - deny by default (`fallbackRule: deny`), `FORBIDDEN` as the fallback error;
 * - rules sit on every field of every object type — entity types included — so `_entities`
 *   cannot walk around them; only root fields are allowed outright (their results are
 *   objects whose fields are checked);
 * - no `contextual` caching: the decision reads `parent` (the record's division), so rules
 *   are `no_cache` and this module memoises per request on (field, division) itself;
 * - `allowExternalErrors`: a resolver's own failure (a database timeout) is reported as
 *   such, never as a denial.
 */
import type { DocumentNode, GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { getNamedType, isLeafType, isObjectType, Kind } from 'graphql';
import { shield, rule, allow, deny, type IRules } from 'graphql-shield';
import { applyMiddleware, IMiddlewareFunction, IMiddlewareTypeMap } from 'graphql-middleware';
import { errors } from '../errors';
import { decide, describeDecision, Decision, GrantStatus, Requester } from './engine';
import type { AccessCollector } from '../audit/collector';
import { applyMask, MaskRule } from './mask';
import type { PolicySet } from './policySet';
import type { Sealer } from './seal';

/** What the subgraph's context carries for enforcement; fixed for the whole request. */
export interface PolicyScope {
  policy: PolicySet;
  requester: Requester;
  grant: GrantStatus;
  /** Per-request memo: (field, division) → decision. */
  decisions: Map<string, Decision>;
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

export function newPolicyScope(policy: PolicySet, requester: Requester, grant: GrantStatus): PolicyScope {
  return { policy, requester, grant, decisions: new Map() };
}

export function enforcePolicy(schema: GraphQLSchema, opts: EnforcementOptions): GraphQLSchema {
  const keys = keyFieldsOf(opts.typeDefs);

  /** Division for jurisdiction: `undefined` = not applicable, `null` = unknown (denies). */
  const divisionOf = (typeName: string, fieldName: string, parent: unknown, scope: PolicyScope): string | null | undefined => {
    const entry = scope.policy.field(`${typeName}.${fieldName}`);
    if (!entry?.policy.personal) return undefined;
    // A key of an entity another department owns is only a reference here; the owner checks
    // jurisdiction when it resolves the record. Such keys always leave sealed (below).
    if (keys.has(`${typeName}.${fieldName}`) && entry.subgraph !== opts.subgraph) return undefined;
    const find = opts.recordDivisions[typeName];
    return find ? (find(parent) ?? null) : null;
  };

  const decideField = (parent: unknown, ctx: PolicyContext, info: GraphQLResolveInfo, path = `${info.parentType.name}.${info.fieldName}`): Decision => {
    const scope = ctx.policyScope;
    const typeName = info.parentType.name;
    const division = divisionOf(typeName, info.fieldName, parent, scope);
    const memoKey = division === undefined ? path : `${path}|${division}`;
    let d = scope.decisions.get(memoKey);
    if (!d) {
      d = decide(scope.policy, scope.requester, scope.grant, path, division, opts.department);
      scope.decisions.set(memoKey, d);
    }
    return d;
  };

  /**
   * A key of another department's entity, shown here in full by policy, still leaves masked
   * (see the masking middleware below); the log records what the consumer really got.
   */
  const foreignKeyMask = (path: string, ctx: PolicyContext): MaskRule | undefined => {
    if (!keys.has(path)) return undefined;
    const entry = ctx.policyScope.policy.field(path);
    if (!entry?.policy.personal || entry.subgraph === opts.subgraph || ctx.policyScope.requester.dept === opts.department) return undefined;
    return entry.policy.mask === 'none' ? 'idNumber' : entry.policy.mask;
  };

  const fieldPolicy = rule('fieldPolicy', { cache: 'no_cache' })((parent, _args, ctx: PolicyContext, info) => {
    const path = `${info.parentType.name}.${info.fieldName}`;
    const d = decideField(parent, ctx, info, path);
    if (ctx.access && ctx.policyScope.policy.field(path)?.policy.personal) {
      const subject = opts.recordSubjects[info.parentType.name]?.(parent);
      const foreign = d.effect === 'full' ? foreignKeyMask(path, ctx) : undefined;
      const shown: Decision = foreign ? { effect: 'masked', rule: foreign } : d;
      ctx.access.note(path, describeDecision(shown), subject, d.effect === 'denied' ? undefined : info.path);
    }
    if (d.effect !== 'denied') return true;
    return errors.forbidden(d.reason, { policyRevision: ctx.policyScope.policy.revision });
  });

  const ruleTree: Record<string, unknown> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const roleRules = opts.operationRules?.[type.name];
    if (ROOT_TYPES.has(type.name) && roleRules) {
      // Every root field named: a field map leaves the unnamed ones to the fallback (deny).
      ruleTree[type.name] = { ...Object.fromEntries(Object.keys(type.getFields()).map((f) => [f, allow])), ...(roleRules as object) };
    } else if (ROOT_TYPES.has(type.name) || type.name === '_Service') ruleTree[type.name] = allow;
    else ruleTree[type.name] = fieldPolicy;
  }
  const permissions = shield(ruleTree as never, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => errors.forbidden('NOT_SHARED'),
    debug: false,
  });

  // Masking and sealing: only on fields that can need it (a mask rule, or a key).
  const maskTypes: Record<string, Record<string, IMiddlewareFunction>> = {};
  const mask: IMiddlewareFunction = async (resolve, parent, args, ctx: PolicyContext, info) => {
    const value = await resolve(parent, args, ctx, info);
    const d = decideField(parent, ctx, info);
    const path = `${info.parentType.name}.${info.fieldName}`;
    const isKey = keys.has(path);
    if (d.effect === 'masked') {
      return isKey && typeof value === 'string' ? opts.sealer.seal(value, applyMask(d.rule, value) as string) : applyMask(d.rule, value);
    }
    if (d.effect === 'full' && isKey && typeof value === 'string') {
      // A personal key known here only as a reference: this department cannot check the
      // subject's jurisdiction, so the client sees it masked; the join still works.
      const rule = foreignKeyMask(path, ctx);
      if (rule) return opts.sealer.seal(value, applyMask(rule, value) as string);
    }
    return value;
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || ROOT_TYPES.has(type.name)) continue;
    for (const [field, def] of Object.entries(type.getFields())) {
      // Only leaves can be masked. Which leaves are is read per request (a policy change
      // needs no restart), so every leaf is wrapped.
      if (isLeafType(getNamedType(def.type))) (maskTypes[type.name] ??= {})[field] = mask;
    }
  }
  // Representations may carry sealed keys: open them before any resolver sees them.
  const unsealRepresentations: IMiddlewareFunction = (resolve, parent, args, ctx, info) =>
    resolve(parent, { ...args, representations: opts.sealer.openDeep(args.representations) }, ctx, info);
  // (A subgraph without entities, like sharing, has no `_entities`.)
  const hasEntities = !!schema.getQueryType()?.getFields()._entities;
  const sealing: IMiddlewareTypeMap = { ...maskTypes, ...(hasEntities ? { Query: { _entities: unsealRepresentations } } : {}) };

  return applyMiddleware(schema, permissions, sealing);
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
