/**
 * Nothing personal leaves unlogged: after a request has been executed and before its
 * response is sent, the decisions the policy took on personal fields become one access-log
 * record, and the response waits until that record is committed. If it cannot be, every
 * personal value in the response is replaced by null with an `AUDIT_UNAVAILABLE` error —
 * non-personal data still flows.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { accessEntry, type AuditSink } from '../audit';
import { errors } from '../errors';
import type { Logger } from '../log';
import type { SubgraphContext } from './definition';

export interface RecordAccessOptions {
  service: string;
  provider: string;
  sink: AuditSink;
  log: Logger;
}

export function recordAccess(opts: RecordAccessOptions): ApolloServerPlugin<SubgraphContext<unknown>> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const access = contextValue?.access;
          if (!access?.touched) return;
          const scope = contextValue.policyScope;
          const entry = accessEntry(
            scope.requester,
            { requestId: contextValue.requestId, kind: 'data', service: opts.service, provider: opts.provider, policyRevision: scope.policy.revision, operation: contextValue.operation },
            access.reads(),
          );
          try {
            await opts.sink.append(entry);
          } catch (err) {
            opts.log.error({ err, requestId: entry.requestId }, 'personal data withheld: the access log could not be written');
            if (response.body.kind !== 'single') return;
            const result = response.body.singleResult;
            const paths = access.releasedPaths();
            for (const path of paths) setNull(result.data, path);
            if (paths.length) {
              const error = errors.auditUnavailable(opts.service);
              result.errors = [...(result.errors ?? []), withPath(error, paths[0])];
            }
          }
        },
      };
    },
  };
}

function setNull(data: Record<string, unknown> | null | undefined, path: Array<string | number>): void {
  let node: unknown = data;
  for (let i = 0; i < path.length - 1; i++) {
    if (node === null || typeof node !== 'object') return;
    node = (node as Record<string | number, unknown>)[path[i]];
  }
  if (node !== null && typeof node === 'object') (node as Record<string | number, unknown>)[path[path.length - 1]] = null;
}

function withPath(error: GraphQLError, path: Array<string | number>): GraphQLError {
  return new GraphQLError(error.message, { path, extensions: error.extensions });
}
