/**
 * Error masking for Apollo Server's `formatError`: expected failures (GraphQLErrors with a
 * public code) pass through; anything else — a driver error, a bug — becomes
 * INTERNAL_SERVER_ERROR with a log id, and the real cause is logged, never sent.
 */
import { randomUUID } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import { isPublicCode } from '../errors';
import type { Logger } from '../log';

export function maskErrors(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code;
    // A thrown runtime Error (driver failure, bug) is never public, whatever code it carries.
    // GraphQLErrors we raised, and errors a subgraph already formatted (plain objects relayed
    // by the gateway), keep a public code.
    const thrownRuntimeError = original instanceof Error && !(original instanceof GraphQLError);
    if (!thrownRuntimeError && isPublicCode(code)) {
      // Strip anything but the contract's extensions (no stacktrace, ever).
      const { stacktrace: _drop, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
      return { ...formatted, extensions };
    }
    const logId = randomUUID();
    log.error({ logId, err: original, path: formatted.path }, 'unexpected error masked');
    return {
      message: `Unexpected error. Quote log id ${logId} to the operator.`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', logId },
    };
  };
}
