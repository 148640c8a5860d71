/**
 * Tells the subgraphs which client operation a request belongs to: its name and the SHA-256
 * of its document travel in the gateway credential (`opn`, `oph`), so every access-log
 * record names the operation that read the data — not the sub-queries the plan sent.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';

export function nameOperation(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operationName, queryHash }) {
          if (operationName) contextValue.subject.operationName = operationName.slice(0, 256);
          contextValue.subject.operationHash = queryHash;
        },
      };
    },
  };
}
