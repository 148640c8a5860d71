/**
 * One representation per distinct entity in an `_entities` call (README, "Performance").
 *
 * @apollo/gateway sends one representation per place in the answer: 500 persons of a list who
 * live in a handful of divisions make 500 `{ __typename: "Division", code }` for the
 * geospatial subgraph, which resolves, guards and serialises each of them. Identical
 * representations get identical answers — a subgraph sees nothing but the representation — so
 * the call carries each distinct one once and the answer is spread back to every place, with
 * each error at every place it belongs to, before the gateway reads it. Sealed keys never
 * merge (each seal has its own IV), and the subgraph's access record names the same subjects
 * either way.
 */
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';

export interface UniqueRepresentations {
  /** The request to send: representations made distinct (the same object when there was nothing to merge). */
  request: GatewayGraphQLRequest;
  /** The subgraph's answer spread back over the original representations. */
  expand(response: GatewayGraphQLResponse): GatewayGraphQLResponse;
}

const unchanged = (request: GatewayGraphQLRequest): UniqueRepresentations => ({ request, expand: (r) => r });

export function uniqueRepresentations(request: GatewayGraphQLRequest): UniqueRepresentations {
  const representations = request.variables?.representations;
  if (!Array.isArray(representations) || representations.length < 2) return unchanged(request);
  const indexOf = new Map<string, number>();
  const distinct: unknown[] = [];
  /** For each original representation, the index of its distinct one. */
  const slot = representations.map((rep) => {
    const key = JSON.stringify(rep);
    let at = indexOf.get(key);
    if (at === undefined) {
      at = distinct.push(rep) - 1;
      indexOf.set(key, at);
    }
    return at;
  });
  if (distinct.length === representations.length) return unchanged(request);

  /** The original places of each distinct representation. */
  const places: number[][] = distinct.map(() => []);
  slot.forEach((at, i) => places[at].push(i));

  return {
    request: { ...request, variables: { ...request.variables, representations: distinct } },
    expand(response) {
      const entities = response.data?._entities;
      if (!Array.isArray(entities) || entities.length !== distinct.length) return response;
      const used = new Set<number>();
      // Every place gets its own copy: the gateway merges later fetches into each entity in place.
      const spread = slot.map((at) => {
        const entity = entities[at];
        if (!used.has(at)) {
          used.add(at);
          return entity;
        }
        return entity === null || typeof entity !== 'object' ? entity : structuredClone(entity);
      });
      const errors = response.errors?.flatMap((error) => {
        const path = error.path;
        if (!path || path[0] !== '_entities' || typeof path[1] !== 'number' || !places[path[1]]) return [error];
        return places[path[1]].map((i) => ({ ...error, path: ['_entities', i, ...path.slice(2)] }));
      });
      return { ...response, data: { ...response.data, _entities: spread }, ...(errors ? { errors } : {}) };
    },
  };
}
