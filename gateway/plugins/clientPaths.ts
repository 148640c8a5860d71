/**
 * Errors point at what the client asked for. The gateway's plan also fetches fields the
 * client never selected — entity keys for joins, `@requires` inputs such as a person's
 * residence division — and a subgraph reports a denial of those at their own paths. Such a
 * denial is not the client's business: the fields that depend on it carry their own denial
 * where the client asked for them. So, as the response leaves:
 * - a `FORBIDDEN` error at a path the client did not select is dropped;
 * - any other error at such a path (a failure, not a decision) is kept, re-pointed at the
 *   deepest part of its path the client did select.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, FragmentDefinitionNode, GraphQLFormattedError, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { Kind } from 'graphql';

export function clientPaths(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, document, operation }) {
          if (response.body.kind !== 'single' || !document || !operation) return;
          const result = response.body.singleResult;
          if (!result.errors?.length) return;
          result.errors = clientErrors(result.errors, operation, document);
        },
      };
    },
  };
}

/**
 * The errors the client is told of (the rules above): any front that serves govgraph's
 * supergraph calls it as the answer leaves (this plugin; gateway/hive/plugin.ts).
 * `undefined` when none is left.
 */
export function clientErrors<E extends GraphQLFormattedError>(errors: ReadonlyArray<E>, operation: OperationDefinitionNode, document: DocumentNode): E[] | undefined {
  const kept: E[] = [];
  for (const error of errors) {
    if (!error.path) {
      kept.push(error);
      continue;
    }
    const selected = selectedPrefix(error.path, operation, document);
    if (selected === error.path.length) kept.push(error);
    else if (error.extensions?.code !== 'FORBIDDEN') kept.push({ ...error, path: error.path.slice(0, selected) });
  }
  return kept.length ? kept : undefined;
}

/**
 * How many leading segments of `path` the operation selects (list indices count as
 * selected). Type conditions are not told apart: a response key selected under any fragment
 * counts, which can only keep an error, never drop one the client asked for.
 */
export function selectedPrefix(path: ReadonlyArray<string | number>, operation: OperationDefinitionNode, document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  let sets: SelectionSetNode[] = [operation.selectionSet];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (typeof segment === 'number') continue;
    const next: SelectionSetNode[] = [];
    let found = false;
    for (const set of sets) found = collect(set, segment, fragments, next, new Set()) || found;
    if (!found) return i;
    sets = next;
  }
  return path.length;
}

/** Finds fields answering to `key` in `set` (through fragments); pushes their sub-selections. */
function collect(set: SelectionSetNode, key: string, fragments: Map<string, FragmentDefinitionNode>, out: SelectionSetNode[], seen: Set<string>): boolean {
  let found = false;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if ((sel.alias ?? sel.name).value !== key) continue;
      found = true;
      if (sel.selectionSet) out.push(sel.selectionSet);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      found = collect(sel.selectionSet, key, fragments, out, seen) || found;
    } else {
      const name = sel.name.value;
      const fragment = fragments.get(name);
      // A fragment is expanded once per lookup: validation refuses cycles, this never loops on them.
      if (!fragment || seen.has(name)) continue;
      seen.add(name);
      found = collect(fragment.selectionSet, key, fragments, out, seen) || found;
    }
  }
  return found;
}
