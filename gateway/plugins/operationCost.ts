/**
 * What an operation would cost to answer, estimated from the document alone before anything
 * is planned or fetched: the number of values its answer holds, where a list counts as many
 * items as it can hold.
 *
 * - A field costs 1, plus what its selection costs; `__typename` is free (nothing resolves it).
 * - A list field multiplies that by its size: its `first` / `last` argument (literal, variable,
 *   the variable's default or the argument's schema default — `legalPersons` pages 20 by
 *   default), else the length of its list argument (`persons(idNumbers: [...])` holds as many
 *   persons as IDs are asked for), else `defaultListSize` (`Household.members`,
 *   `Person.realEstateRights` … have no bound in the schema).
 * - A connection — a field with `first` that returns an object, like `legalPersons` — hands
 *   its page size down to the lists directly inside it (`edges`, `records`).
 *
 * Fragments are expanded, each costed once per page size and memoised, so a document of
 * fragments that spread each other twice, thirty deep, costs 2^30 in microseconds instead of
 * being walked 2^30 times; a fragment cycle costs nothing here (graphql-js validation refuses
 * the document afterwards) and never loops.
 */
import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export interface CostOptions {
  /** The size assumed for a list that neither `first` nor a list argument bounds. */
  defaultListSize: number;
}

/** Page-size arguments: the list holds at most this many items. */
const PAGE_ARGUMENTS = ['first', 'last'];

/**
 * No subgraph serves a longer list: legalPersons pages and persons' ID lists stop at 1 000
 * (subgraphs/legal-person/resolvers/Query.ts, subgraphs/population/resolvers/Query.ts), the
 * access log at 200, parcelsNear at 500. A larger `first` or ID list is refused there with
 * BAD_USER_INPUT and the allowed range — more use to the client than a cost — so the estimate
 * never counts more. A subgraph that serves longer lists must raise this.
 */
export const LIST_SIZE_CEILING = 1_000;

export function estimateCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> | undefined,
  options: CostOptions,
): number {
  return new CostEstimator(schema, operation, fragments, variables ?? {}, options).operation();
}

class CostEstimator {
  /** `<fragment>|<page size>` → cost of one spread of it. */
  private readonly memo = new Map<string, number>();
  private readonly expanding = new Set<string>();
  /** Variable defaults declared by the operation (`query($n: Int = 10)`). */
  private readonly variableDefaults = new Map<string, ValueNode>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly op: OperationDefinitionNode,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
    private readonly options: CostOptions,
  ) {
    for (const def of op.variableDefinitions ?? []) {
      if (def.defaultValue) this.variableDefaults.set(def.variable.name.value, def.defaultValue);
    }
  }

  operation(): number {
    return this.selectionSet(this.op.selectionSet, this.schema.getRootType(this.op.operation) ?? undefined, undefined);
  }

  /** @param pageSize handed down by a connection to the lists directly inside it */
  private selectionSet(set: SelectionSetNode, parent: GraphQLNamedType | undefined, pageSize: number | undefined): number {
    let total = 0;
    for (const selection of set.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          total += this.field(selection, parent, pageSize);
          break;
        case Kind.INLINE_FRAGMENT: {
          const type = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) ?? undefined : parent;
          total += this.selectionSet(selection.selectionSet, type, pageSize);
          break;
        }
        case Kind.FRAGMENT_SPREAD:
          total += this.fragment(selection.name.value, pageSize);
          break;
      }
    }
    return total;
  }

  private fragment(name: string, pageSize: number | undefined): number {
    const key = `${name}|${pageSize ?? ''}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const def = this.fragments.get(name);
    // Unknown fragment or a cycle: validation refuses the document after this estimate.
    if (!def || this.expanding.has(key)) return 0;
    this.expanding.add(key);
    const cost = this.selectionSet(def.selectionSet, this.schema.getType(def.typeCondition.name.value) ?? undefined, pageSize);
    this.expanding.delete(key);
    this.memo.set(key, cost);
    return cost;
  }

  private field(node: FieldNode, parent: GraphQLNamedType | undefined, pageSize: number | undefined): number {
    const name = node.name.value;
    if (name === '__typename') return 0;
    const def = this.fieldDef(parent, name);
    const page = this.pageArgument(node, def);
    const isList = def !== undefined && isListType(getNullableType(def.type));
    let count = 1;
    let innerPage: number | undefined;
    if (isList) count = Math.min(page ?? this.listArgumentLength(node, def) ?? pageSize ?? this.options.defaultListSize, LIST_SIZE_CEILING);
    else innerPage = page === undefined ? undefined : Math.min(page, LIST_SIZE_CEILING);
    const inner = node.selectionSet ? this.selectionSet(node.selectionSet, def && getNamedType(def.type), innerPage) : 0;
    return count * (1 + inner);
  }

  private fieldDef(parent: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
    if (parent === this.schema.getQueryType()) {
      if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
      if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
    }
    // Unknown fields count 1 each; validation refuses them afterwards.
    return parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
  }

  /** `first` / `last` as a number, wherever its value comes from; undefined when absent. */
  private pageArgument(node: FieldNode, def: GraphQLField<unknown, unknown> | undefined): number | undefined {
    for (const argName of PAGE_ARGUMENTS) {
      const arg = node.arguments?.find((a) => a.name.value === argName);
      const value = arg ? this.valueOf(arg.value) : undefined;
      const n = typeof value === 'number' ? value : def?.args.find((a) => a.name === argName)?.defaultValue;
      if (typeof n === 'number' && Number.isFinite(n)) return Math.max(0, Math.floor(n));
    }
    return undefined;
  }

  /** The longest list passed to an argument (`idNumbers: [...]`); undefined when none is a list. */
  private listArgumentLength(node: FieldNode, def: GraphQLField<unknown, unknown> | undefined): number | undefined {
    let longest: number | undefined;
    for (const arg of node.arguments ?? []) {
      const declared = def?.args.find((a) => a.name === arg.name.value);
      const value = this.valueOf(arg.value);
      let length: number | undefined;
      if (Array.isArray(value)) length = value.length;
      // A single value given to a list argument is coerced to a list of one.
      else if (declared && isListType(getNullableType(declared.type))) length = value === null || value === undefined ? 0 : 1;
      if (length !== undefined) longest = Math.max(longest ?? 0, length);
    }
    return longest;
  }

  /**
   * A literal's or a variable's value, as far as sizes need it: numbers and lists (a list
   * literal as an array of its items, unevaluated); anything else as null/undefined/other.
   */
  private valueOf(value: ValueNode): unknown {
    switch (value.kind) {
      case Kind.INT:
      case Kind.FLOAT:
        return Number(value.value);
      case Kind.LIST:
        return value.values;
      case Kind.NULL:
        return null;
      case Kind.VARIABLE: {
        const name = value.name.value;
        if (Object.prototype.hasOwnProperty.call(this.variables, name)) return this.variables[name];
        const fallback = this.variableDefaults.get(name);
        return fallback ? this.valueOf(fallback) : undefined;
      }
      default:
        return value;
    }
  }
}
