/**
 * A document whose operation cannot be picked — `operationName` names none of its operations,
 * or it holds several and names none — is the client's mistake: OPERATION_RESOLUTION_FAILURE
 * with HTTP 400. Apollo Server leaves that case to the executor, and @apollo/gateway's planner
 * then throws an error without a code, which would be masked as INTERNAL_SERVER_ERROR (500).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';

export function operationResolution(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (operation) return;
          const named = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length > 1 && !request.operationName;
          throw new GraphQLError(
            named ? 'The document holds several operations: name the one to run with operationName.' : `The document has no operation named "${String(request.operationName)}".`,
            { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
          );
        },
      };
    },
  };
}
