/**
 * Every place of the API schema where a client can put a string: the String, ID and custom
 * scalar (Date, DateTime …) arguments of every field, inside input objects and lists too —
 * read from the composed supergraph (lib/policy/check.ts `readSupergraphModel(...).api`), so
 * an argument added tomorrow is probed tomorrow (test/security/injection.test.ts).
 */
import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/** One argument leaf that takes a string. */
export interface StringSlot {
  /** The type that owns the field (`Query`, `Mutation`, or a nested object type). */
  owner: string;
  field: string;
  /** The argument, then the input fields down to the leaf: `['filter', 'department']`. */
  path: string[];
  /** The leaf's scalar: `String`, `ID`, `Date`, `DateTime` … */
  scalar: string;
  /** Whether the leaf is (inside) a list: the payload goes in as one element. */
  list: boolean;
  /** `Query.accessLog(filter.department)` */
  label: string;
}

/** Scalars whose values are not strings: nothing to inject there. */
const NOT_STRINGS = new Set(['Int', 'Float', 'Boolean']);

/** Every string slot of every field of `schema` (introspection and federation internals left out). */
export function stringSlots(schema: GraphQLSchema): StringSlot[] {
  const slots: StringSlot[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name.startsWith('_')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.name.startsWith('_')) continue;
      for (const arg of field.args) {
        walk(arg.type, [arg.name], false, (path, scalar, list) =>
          slots.push({ owner: type.name, field: field.name, path, scalar, list, label: `${type.name}.${field.name}(${path.join('.')})` }),
        );
      }
    }
  }
  return slots;
}

function walk(type: GraphQLInputType, path: string[], inList: boolean, found: (path: string[], scalar: string, list: boolean) => void, seen = new Set<string>()): void {
  const nullable = getNullableType(type);
  const list = inList || isListType(nullable);
  const named = getNamedType(type);
  if (isScalarType(named)) {
    if (!NOT_STRINGS.has(named.name)) found(path, named.name, list);
  } else if (isInputObjectType(named) && !seen.has(named.name)) {
    const inner = new Set(seen).add(named.name);
    for (const f of Object.values(named.getFields())) walk(f.type, [...path, f.name], list, found, inner);
  }
}
