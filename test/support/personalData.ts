/**
 * Which personal data a GraphQL response carries: the operation's selections walked together
 * with the response's data, each non-null value attributed to the `Type.field` it answers,
 * and kept when the sharing policy classifies that field personal. The fuzz test
 * (test/security/fuzz.test.ts) then looks for the access record of each.
 */
import {
  getNamedType,
  isAbstractType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface PersonalValue {
  /** The `Type.field` it answers (several only where the object's type could not be told). */
  paths: string[];
  /** Where in the response. */
  at: Array<string | number>;
}

/**
 * Every non-null personal value of `data`, the answer to `document` (its operation
 * `operationName`, or its only one).
 *
 * An object of a union or interface type is told by its `__typename`; without one, a value is
 * counted only if it is personal whichever possible type the object is (so a LegalPerson's
 * `name` is never taken for a Person's) — the fuzzer always selects `__typename` there.
 */
export function personalValues(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, data: unknown, isPersonal: (path: string) => boolean): PersonalValue[] {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) throw new Error('the response has data, but the document names no operation it could be the answer of');
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f] as const),
  );
  const root = schema.getRootType(operation.operation);
  if (!root) throw new Error(`no ${operation.operation} type`);
  const found: PersonalValue[] = [];

  const typenameOf = (selectionSet: SelectionSetNode, value: Record<string, unknown>): string | undefined => {
    for (const s of selectionSet.selections) {
      if (s.kind === Kind.FIELD && s.name.value === '__typename') {
        const v = value[s.alias?.value ?? '__typename'];
        if (typeof v === 'string') return v;
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        const t = typenameOf(s.selectionSet, value);
        if (t) return t;
      } else if (s.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments.get(s.name.value);
        const t = f && typenameOf(f.selectionSet, value);
        if (t) return t;
      }
    }
    return undefined;
  };

  const narrow = (candidates: GraphQLObjectType[], typeCondition: string | undefined): GraphQLObjectType[] => {
    if (!typeCondition) return candidates;
    const cond = schema.getType(typeCondition);
    if (!cond) return [];
    return candidates.filter((c) => c === cond || (isAbstractType(cond) && schema.isSubType(cond, c)));
  };

  const walk = (selectionSet: SelectionSetNode, candidates: GraphQLObjectType[], value: unknown, at: Array<string | number>): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(selectionSet, candidates, item, [...at, i]));
      return;
    }
    const object = value as Record<string, unknown>;
    const typename = candidates.length > 1 ? typenameOf(selectionSet, object) : undefined;
    const types = typename ? candidates.filter((c) => c.name === typename) : candidates;
    visit(selectionSet, types, object, at);
  };

  const visit = (selectionSet: SelectionSetNode, types: GraphQLObjectType[], object: Record<string, unknown>, at: Array<string | number>): void => {
    for (const s of selectionSet.selections) {
      if (s.kind === Kind.INLINE_FRAGMENT) {
        const narrowed = narrow(types, s.typeCondition?.name.value);
        if (narrowed.length) visit(s.selectionSet, narrowed, object, at);
        continue;
      }
      if (s.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments.get(s.name.value);
        const narrowed = f ? narrow(types, f.typeCondition.name.value) : [];
        if (f && narrowed.length) visit(f.selectionSet, narrowed, object, at);
        continue;
      }
      const name = s.name.value;
      if (name.startsWith('__')) continue;
      const key = s.alias?.value ?? name;
      const value = object[key];
      if (value === undefined || value === null) continue;
      const owners = types.filter((t) => t.getFields()[name]);
      if (!owners.length) continue;
      const paths = owners.map((t) => `${t.name}.${name}`);
      const personal = paths.filter(isPersonal);
      if (personal.length && personal.length === paths.length) found.push({ paths: personal, at: [...at, key] });
      if (s.selectionSet) {
        const named = getNamedType(owners[0].getFields()[name].type);
        const next = isObjectType(named) ? [named] : isAbstractType(named) ? [...schema.getPossibleTypes(named)] : [];
        walk(s.selectionSet, next, value, [...at, key]);
      }
    }
  };

  walk(operation.selectionSet, [root], data, []);
  return found;
}
