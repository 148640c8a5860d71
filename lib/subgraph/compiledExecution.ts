/**
 * Compiled execution for a subgraph (README, "Performance"): each operation the gateway sends is
 * compiled once by graphql-jit into a function specialised to its selection, then run for
 * every request that sends it again — as a federated subgraph receives the same few documents
 * (its query plans' fetches) over and over, with only the variables changing.
 *
 * Why: graphql-js interprets the document for every field of every row — argument values,
 * field lookups, a `Path` object and, where any field of an object is a promise, a
 * `Promise.all` over its fields — which on a 500-row list was most of a subgraph's CPU besides
 * garbage collection. The compiled function calls the same resolvers with the same
 * `(parent, args, context, info)`: the policy guard (lib/policy/enforce.ts) on every field,
 * graphql-shield on root fields, `_entities` and `__resolveReference` all run unchanged, a
 * returned or thrown error is that field's error, and null propagation follows the schema's
 * nullability as graphql-js does.
 *
 * Apollo Server still parses and validates (with its document cache) and runs every plugin;
 * only the execution step is ours, through its gateway interface — the documented seam for
 * replacing execution (`GatewayInterface`'s executor).
 */
import { execute, GraphQLError, type GraphQLSchema } from 'graphql';
import type { GatewayInterface, GatewayGraphQLRequestContext, GatewayExecutionResult } from '@apollo/server-gateway-interface';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { compileAfter as configuredCompileAfter } from '../config';

/**
 * Compiled operations kept per subgraph. A subgraph receives the documents of the gateway's
 * query plans — a few per client operation — so this holds every one in a busy deployment;
 * beyond it the oldest is dropped (and compiled again if it comes back).
 */
export const COMPILED_OPERATIONS = 1_000;

/** An operation jit could not compile: interpreted from then on. */
const NOT_COMPILABLE = -1;

export interface CompiledExecution extends GatewayInterface {
  /** How many operations are compiled now (tests). */
  readonly size: number;
}

export interface CompiledExecutionOptions {
  /** The run of an operation at which it is compiled; the runs before are interpreted. 0: never compiled. @default GOVGRAPH_COMPILE_AFTER (lib/config.ts), else 2 */
  compileAfter?: number;
  /** Operations remembered (compiled or counted). @default {@link COMPILED_OPERATIONS} */
  capacity?: number;
}

/** A schema served with compiled execution: pass as Apollo Server's `gateway` (instead of `schema`). */
export function compiledExecution(schema: GraphQLSchema, options: CompiledExecutionOptions = {}): CompiledExecution {
  const compileAfter = options.compileAfter ?? configuredCompileAfter();
  const capacity = options.capacity ?? COMPILED_OPERATIONS;
  // Per operation: how often it was seen (not yet compiled), or its compiled function.
  const operations = new Map<string, number | CompiledQuery>();

  /** The compiled operation, or undefined while it is interpreted (its first run, or one jit cannot compile). */
  const compiled = (rc: GatewayGraphQLRequestContext): CompiledQuery | undefined => {
    const operationName = rc.operationName ?? undefined;
    // Apollo's queryHash is the SHA-256 of the document's text; the operation name picks one
    // operation of a document that has several.
    const key = `${rc.queryHash}\u0000${operationName ?? ''}`;
    const seen = operations.get(key);
    // Most recently used last (a Map iterates in insertion order), the oldest dropped beyond capacity.
    operations.delete(key);
    if (typeof seen === 'object' || seen === NOT_COMPILABLE) {
      operations.set(key, seen);
      return typeof seen === 'object' ? seen : undefined;
    }
    let next: number | CompiledQuery = (seen ?? 0) + 1;
    // Compiling costs several interpreted runs: by default a document is compiled the second
    // time it comes, so one-off documents (a client's ad-hoc queries) never pay for it. One
    // that jit cannot compile stays interpreted.
    if (next >= compileAfter) {
      const result = compileQuery(schema, rc.document, operationName, {
        // Errors carry no stack to the client (lib/http/maskErrors.ts); capturing one per
        // error is pure cost.
        disablingCapturingStackErrors: true,
      });
      next = isCompiledQuery(result) ? result : NOT_COMPILABLE;
    }
    operations.set(key, next);
    if (operations.size > capacity) operations.delete(operations.keys().next().value!);
    return typeof next === 'object' ? next : undefined;
  };

  return {
    get size() {
      let n = 0;
      for (const v of operations.values()) if (typeof v === 'object') n++;
      return n;
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async load() {
      return {
        executor: async (rc) => {
          const query = compileAfter > 0 ? compiled(rc) : undefined;
          if (!query) {
            return (await execute({ schema, document: rc.document, contextValue: rc.context, variableValues: rc.request.variables, operationName: rc.operationName })) as GatewayExecutionResult;
          }
          const result = (await query.query(undefined, rc.context, rc.request.variables ?? {})) as GatewayExecutionResult;
          if (result.errors) return { ...result, errors: result.errors.map(asGraphQLError) };
          return result;
        },
      };
    },
    async stop() {
      operations.clear();
    },
  };
}

/**
 * graphql-jit reports a field's error as an object of its own that only borrows graphql-js's
 * prototype (its properties read-only); Apollo Server's error formatting cannot handle it and
 * answered the whole request with a bare 500, bypassing the error masking
 * (lib/http/maskErrors.ts) that gives an unexpected failure its log id. A real GraphQLError
 * with the same message, locations, path, extensions and cause goes through formatting as graphql-js's
 * own would.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const real = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions });
  // graphql-js derives locations from AST nodes, which jit does not keep: carry its own.
  if (error.locations) (real as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return real;
}
