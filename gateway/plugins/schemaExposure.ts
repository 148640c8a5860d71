/**
 * What the gateway tells about its schema. The demo shows everything — GraphiQL at GET /,
 * introspection, "Did you mean …" suggestions in error messages — because exploring is what
 * it is for, and says so in one warning at start. Production (GOVGRAPH_ENV=production) shows
 * none of it: the schema is the map of which department holds what about whom, and
 * suggestions rebuild that map field by field even with introspection off.
 */
import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../../lib/log';

export interface SchemaExposure {
  /** Serve GraphiQL at GET / (gateway/plugins/graphiql.ts). */
  graphiql: boolean;
  /** Apollo Server's switches: introspection, and suggestions in validation errors. */
  apollo: Pick<ApolloServerOptions<never>, 'introspection' | 'hideSchemaDetailsFromClientErrors'>;
  plugins: ApolloServerPlugin[];
}

/**
 * @param demoKeys the demo keys the process runs on (lib/keys/keySources.ts), named in the
 *   demo's start-up warning.
 */
export function schemaExposure(production: boolean, log: Logger, demoKeys: string[] = []): SchemaExposure {
  if (production) {
    return {
      graphiql: false,
      // Apollo's rule refuses __schema and __type (GRAPHQL_VALIDATION_FAILED); __typename stays.
      // hideSchemaDetailsFromClientErrors strips suggestions from validation errors only.
      apollo: { introspection: false, hideSchemaDetailsFromClientErrors: true },
      plugins: [hideSuggestions()],
    };
  }
  log.warn(
    { demoKeys },
    `demo mode: GraphiQL, introspection and suggestions on; trusting demo keys: ${demoKeys.length ? demoKeys.join(', ') : 'none'}. ` +
      'Set GOVGRAPH_ENV=production to turn them off and refuse demo keys.',
  );
  return { graphiql: true, apollo: { introspection: true, hideSchemaDetailsFromClientErrors: false }, plugins: [] };
}

/**
 * graphql-js's suggestion where it ends a message: ` Did you mean "name"?`, `… "a", "b", or
 * "c"?`, ` Did you mean the enum value "MALE"?`.
 */
const SUGGESTION = / ?Did you mean .+\?$/;

/**
 * Strips suggestions from every error the gateway answers. Validation errors Apollo cleans
 * itself; a misspelt enum value in a *variable* is reported by @apollo/gateway's own
 * variable coercion (graphql-js getVariableValues, called without hideSuggestions) and would
 * name the right value. graphql-armor's block-field-suggestions would miss it too: it only
 * masks `Did you mean "…"`, not `Did you mean the enum value "…"`.
 */
export function hideSuggestions(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (SUGGESTION.test(error.message)) (error as { message: string }).message = error.message.replace(SUGGESTION, '');
          }
        },
      };
    },
  };
}
