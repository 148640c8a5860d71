/**
 * Tells the subgraphs which client operation a request belongs to: its name and the SHA-256
 * of its document travel in the gateway credential (`opn`, `oph`), so every access-log
 * record names the operation that read the data — not the sub-queries the plan sent.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';
import type { CredentialSubject } from '../../lib/identity';

export function nameOperation(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operationName, queryHash }) {
          nameSubject(contextValue.subject, operationName, queryHash);
        },
      };
    },
  };
}

/** Puts the client operation's name and the hex SHA-256 of its document in `subject` (gateway/hive/plugin.ts too). */
export function nameSubject(subject: CredentialSubject, operationName: string | null | undefined, queryHash: string | undefined): void {
  if (operationName) subject.operationName = operationName.slice(0, 256);
  subject.operationHash = queryHash;
}
