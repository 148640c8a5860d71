/**
 * What the gateway tells about its schema. The demo shows everything — GraphiQL at GET /,
 * introspection, "Did you mean …" suggestions in error messages — because exploring is what
 * it is for, and says so in one warning at start. Production (GOVGRAPH_ENV=production) shows
 * none of it: the schema is the map of which department holds what about whom, and
 * suggestions rebuild that map field by field even with introspection off.
 */
import type { ApolloServerOptions } from '@apollo/server';
import type { Logger } from '../../lib/log';

export interface SchemaExposure {
  /** Serve GraphiQL at GET / (gateway/plugins/graphiql.ts). */
  graphiql: boolean;
  /** Apollo Server's switches: introspection, and suggestions in error messages. */
  apollo: Pick<ApolloServerOptions<never>, 'introspection' | 'hideSchemaDetailsFromClientErrors'>;
}

/**
 * @param demoKeys the demo keys the process runs on (lib/runtime/keySources.ts), named in the
 *   demo's start-up warning.
 */
export function schemaExposure(production: boolean, log: Logger, demoKeys: string[] = []): SchemaExposure {
  if (production) {
    return {
      graphiql: false,
      // Apollo's rule refuses __schema and __type (GRAPHQL_VALIDATION_FAILED); __typename stays.
      // Its hideSchemaDetailsFromClientErrors strips every "Did you mean …" — fields, arguments,
      // types, enum values, in the document and in variables — where graphql-armor's
      // block-field-suggestions misses enum values ("Did you mean the enum value …").
      apollo: { introspection: false, hideSchemaDetailsFromClientErrors: true },
    };
  }
  log.warn(
    { demoKeys },
    `demo mode: GraphiQL, introspection and suggestions on; trusting demo keys: ${demoKeys.length ? demoKeys.join(', ') : 'none'}. ` +
      'Set GOVGRAPH_ENV=production to turn them off and refuse demo keys.',
  );
  return { graphiql: true, apollo: { introspection: true, hideSchemaDetailsFromClientErrors: false } };
}
