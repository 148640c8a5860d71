/**
 * The last step before a response leaves govgraph: every sealed key (see lib/policy/seal.ts)
 * becomes the display form its subgraph decided — masked, never the key itself — and a key
 * the policy withheld becomes `null` with its `FORBIDDEN` error at that path. The response
 * holds only what the client selected, so those errors point at fields the client asked for.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { errors, FORBIDDEN_REASONS, type ForbiddenReason } from '../../lib/errors';
import type { Sealer } from '../../lib/policy/seal';

export function revealSealedKeys(sealer: Sealer): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          revealSealedKeysIn(sealer, response.body.singleResult);
        },
      };
    },
  };
}

/**
 * Replaces every sealed key in `result.data` by its display form, in place, and appends a
 * `FORBIDDEN` error for each key the policy withheld. Any front that serves govgraph's
 * supergraph calls it as the answer leaves (this plugin; gateway/hive/plugin.ts).
 */
export function revealSealedKeysIn(sealer: Sealer, result: { data?: unknown; errors?: ReadonlyArray<GraphQLFormattedError> }): void {
  const withheld: GraphQLFormattedError[] = [];
  sealer.displayInPlace(result.data, (path, denial) => {
    const reason = (denial.reason in FORBIDDEN_REASONS ? denial.reason : 'NOT_SHARED') as ForbiddenReason;
    const { message, extensions } = errors.forbidden(reason, {
      ...(denial.policyRevision ? { policyRevision: denial.policyRevision } : {}),
      ...(denial.serviceName ? { serviceName: denial.serviceName } : {}),
    });
    withheld.push({ message, path, extensions });
  });
  if (withheld.length) result.errors = [...(result.errors ?? []), ...withheld];
}
