/**
 * The last step before a response leaves govgraph: every sealed key (see lib/policy/seal.ts)
 * becomes the display form its subgraph decided — masked, never the key itself.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Sealer } from '../../lib/policy/seal';

export function revealSealedKeys(sealer: Sealer): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind === 'single') sealer.displayInPlace(response.body.singleResult.data);
        },
      };
    },
  };
}
