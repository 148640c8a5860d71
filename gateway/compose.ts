/**
 * Composes the department subgraphs into the supergraph with @apollo/composition, in
 * process (the rover CLI downloads a plugin at run time and fails on air-gapped networks),
 * and tells what a new supergraph breaks for the consumers of the one in force.
 */
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import {
  findBreakingChanges,
  findDangerousChanges,
  getNamedType,
  isObjectType,
  type BreakingChange,
  type DangerousChange,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { SubgraphDefinition } from '../lib/subgraph/definition';
import type { PolicySet } from '../lib/policy/policySet';

export type Composition = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

/** One subgraph as composition sees it. */
export interface ServiceToCompose {
  name: string;
  url: string;
  typeDefs: DocumentNode;
}

/** Composes subgraphs given by name, URL and schema (in list order: the order is part of the output). */
export function composeServiceList(services: readonly ServiceToCompose[]): Composition {
  const result = composeServices(services.map((s) => ({ name: s.name, url: s.url, typeDefs: s.typeDefs })));
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  return { ok: true, supergraphSdl: result.supergraphSdl + '\n' };
}

/**
 * @param urlOf where the gateway reaches each subgraph; the committed file records the
 *   defaults (`http://localhost:400N/graphql`), and the gateway re-points them at run time.
 */
export function composeSupergraph(defs: SubgraphDefinition[], urlOf: (def: SubgraphDefinition) => string): Composition {
  return composeServiceList(defs.map((def) => ({ name: def.name, url: urlOf(def), typeDefs: def.typeDefs })));
}

/** A grant that names a changed item: who would notice. */
export interface AffectedGrant {
  consumer: string;
  grant: string;
}

export interface SchemaChange {
  /** `breaking` fails `govgraph compose --check`; `dangerous` may change what an operation returns. */
  severity: 'breaking' | 'dangerous';
  /** graphql-js's change type, e.g. FIELD_REMOVED, ARG_CHANGED_KIND, REQUIRED_ARG_ADDED. */
  kind: string;
  /** `Type.field`, `Type.field(arg)`, `Enum.VALUE` or `Type`; absent for directive changes. */
  coordinate?: string;
  /** graphql-js's sentence, e.g. "Person.phone was removed." */
  description: string;
  /** Grants in the policy files that name the item (or its type, or what a root field returns). */
  grants: AffectedGrant[];
  /** The item's sharing class in the policy, when it is a classified field (`unconditional` reaches every consumer without a grant). */
  sharing?: string;
}

/** The API schema (what clients query) of a supergraph; throws with the reason when it is not one. */
function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** Where a graphql-js change applies, read from its sentence (graphql/utilities/findBreakingChanges.js). */
function coordinateOf(change: BreakingChange | DangerousChange): string | undefined {
  const d = change.description;
  const name = '[_A-Za-z][_0-9A-Za-z]*';
  let m: RegExpExecArray | null;
  switch (change.type) {
    case 'IMPLEMENTED_INTERFACE_ADDED':
      return new RegExp(`implemented by (${name})`).exec(d)?.[1];
    case 'TYPE_REMOVED':
    case 'TYPE_CHANGED_KIND':
    case 'IMPLEMENTED_INTERFACE_REMOVED':
      return new RegExp(`^(${name})`).exec(d)?.[1];
    case 'TYPE_REMOVED_FROM_UNION':
    case 'TYPE_ADDED_TO_UNION':
      return new RegExp(`union type (${name})`).exec(d)?.[1];
    case 'VALUE_REMOVED_FROM_ENUM':
    case 'VALUE_ADDED_TO_ENUM':
      m = new RegExp(`^(${name}) was (?:removed from|added to) enum type (${name})`).exec(d);
      return m ? `${m[2]}.${m[1]}` : undefined;
    case 'REQUIRED_INPUT_FIELD_ADDED':
    case 'OPTIONAL_INPUT_FIELD_ADDED':
      m = new RegExp(`field (${name}) on input type (${name})`).exec(d);
      return m ? `${m[2]}.${m[1]}` : undefined;
    case 'REQUIRED_ARG_ADDED':
    case 'OPTIONAL_ARG_ADDED':
      m = new RegExp(`arg (${name}) on (${name})\\.(${name})`).exec(d);
      return m ? `${m[2]}.${m[3]}(${m[1]})` : undefined;
    case 'ARG_REMOVED':
    case 'ARG_CHANGED_KIND':
    case 'ARG_DEFAULT_VALUE_CHANGE':
      m = new RegExp(`^(${name})\\.(${name}) arg (${name})`).exec(d);
      return m ? `${m[1]}.${m[2]}(${m[3]})` : undefined;
    case 'FIELD_REMOVED':
    case 'FIELD_CHANGED_KIND':
      m = new RegExp(`^(${name})\\.(${name})`).exec(d);
      return m ? `${m[1]}.${m[2]}` : undefined;
    default:
      return undefined; // directive changes: no type or field of the API
  }
}

/**
 * The types whose fields a grant would name for a change at `coordinate`: the type itself, or,
 * for a root field (which grants never name), the type it returns in the old schema.
 */
function grantTypesOf(coordinate: string, before: GraphQLSchema): { type: string; field?: string } {
  const [type, rest] = coordinate.split('.');
  const field = rest?.replace(/\(.*$/, '');
  const roots = [before.getQueryType(), before.getMutationType(), before.getSubscriptionType()].flatMap((t) => (t ? [t.name] : []));
  if (field && roots.includes(type)) {
    const root = before.getType(type);
    const returned = isObjectType(root) ? root.getFields()[field] : undefined;
    return { type: returned ? getNamedType(returned.type).name : type };
  }
  return { type, field };
}

function affectedGrants(coordinate: string | undefined, before: GraphQLSchema, policy: PolicySet | undefined): AffectedGrant[] {
  if (!coordinate || !policy) return [];
  const { type, field } = grantTypesOf(coordinate, before);
  const out: AffectedGrant[] = [];
  for (const g of policy.grants.values()) {
    const named = [...g.fields, ...g.unmasked];
    const hit = named.some((p) => {
      const [t, f] = p.split('.');
      return t === type && (field === undefined || f === '*' || f === field);
    });
    if (hit) out.push({ consumer: g.consumer, grant: g.id });
  }
  return out.sort((a, b) => a.consumer.localeCompare(b.consumer) || a.grant.localeCompare(b.grant));
}

/**
 * What `next` changes for the clients of `before`, both supergraphs compared as API schemas
 * (graphql-js findBreakingChanges / findDangerousChanges): removed types and fields, changed
 * field and argument types (an output field made nullable, an argument made non-null), newly
 * required arguments … each with the grants that name it.
 *
 * @param policy the policy in force (its grant files); without it no grants are named.
 */
export function findSupergraphChanges(beforeSdl: string, nextSdl: string, policy?: PolicySet): SchemaChange[] {
  const before = apiSchemaOf(beforeSdl);
  const next = apiSchemaOf(nextSdl);
  const describe = (severity: SchemaChange['severity'], c: BreakingChange | DangerousChange): SchemaChange => {
    const coordinate = coordinateOf(c);
    const classified = coordinate && !coordinate.includes('(') ? policy?.field(coordinate) : undefined;
    return {
      severity,
      kind: c.type,
      ...(coordinate ? { coordinate } : {}),
      description: c.description,
      grants: affectedGrants(coordinate, before, policy),
      ...(classified ? { sharing: classified.policy.sharing } : {}),
    };
  };
  return [...findBreakingChanges(before, next).map((c) => describe('breaking', c)), ...findDangerousChanges(before, next).map((c) => describe('dangerous', c))];
}

/** One line for a change: `breaking: Person.phone — Person.phone was removed. Grants naming it: civil-affairs (G-DEMO-0001).` */
export function formatSchemaChange(c: SchemaChange): string {
  const who = c.grants.length
    ? ` Grants naming it: ${c.grants.map((g) => `${g.consumer} (${g.grant})`).join(', ')}.`
    : c.sharing === 'unconditional'
      ? ' Unconditional: any consumer may read it without a grant.'
      : c.coordinate
        ? ' No grant names it.'
        : '';
  return `${c.severity}: ${c.coordinate ? `${c.coordinate} — ` : ''}${c.description}${who}`;
}
