/**
 * Builds a subgraph's HTTP app without listening (index.ts or the tests listen), so every
 * test can run the real server in-process on port 0.
 */
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { RequestListener } from 'node:http';
import { buildSchema } from './schema';
import type { SubgraphContext, SubgraphDefinition } from './definition';
import type { Database } from '../db';
import { traceQueries } from '../db';
import { serviceLogger } from '../log';
import { mountHealth } from '../http/health';
import { requestScope, requestIdOf } from '../http/requestScope';
import { maskErrors } from '../http/maskErrors';
import { CREDENTIAL_HEADER } from '../identity';
import { grantStatus } from '../policy/engine';
import { newPolicyScope } from '../policy/enforce';
import type { SubgraphSecurity } from '../runtime/security';

export interface SubgraphServer {
  app: RequestListener;
  apollo: ApolloServer<SubgraphContext<unknown>>;
  stop(): Promise<void>;
}

type RawBodyRequest = express.Request & { rawBody?: string };

/** Largest request body accepted: an `_entities` batch of a few thousand keys fits easily. */
const BODY_LIMIT = '2mb';

export interface SubgraphServerOptions {
  /** Benchmark only: serve without the policy layer, to measure its cost. @default false */
  withoutPolicy?: boolean;
}

export async function createSubgraphServer(def: SubgraphDefinition, db: Database, security: SubgraphSecurity, options: SubgraphServerOptions = {}): Promise<SubgraphServer> {
  const log = serviceLogger(def.name);
  traceQueries(db.knex, log);
  const verifyCredential = security.credentialVerifier(def.name);
  const apollo = new ApolloServer<SubgraphContext<unknown>>({
    schema: buildSchema(def, security.sealer, { withoutPolicy: options.withoutPolicy }),
    formatError: maskErrors(log),
    includeStacktraceInErrorResponses: false,
    // Our runtime drains servers and closes databases (releasing the embedded database's
    // lock) on SIGINT/SIGTERM; Apollo's own handler would re-raise the signal mid-way.
    stopOnTerminationSignals: false,
    // Subgraphs are reached through the gateway; introspection of the subgraph itself is
    // what `_service { sdl }` is for.
    introspection: true,
    // Inline traces (ftv1) are for Apollo Studio, which an air-gapped government network
    // never reaches; they also cost time on every field.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use(requestScope(log));
  mountHealth(app, def.name, async () => {
    await db.ping();
    return { database: 'ok', policy: security.policy.problem ?? 'ok' };
  });
  app.use(
    '/graphql',
    // The credential is bound to the exact body the gateway sent: keep the raw bytes.
    express.json({ limit: BODY_LIMIT, verify: (req, _res, buf) => ((req as RawBodyRequest).rawBody = buf.toString('utf8')) }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        // Only the gateway can mint a credential; a direct call, a replay or a credential
        // for another subgraph or another query ends here, before any resolver runs.
        const credential = await verifyCredential(req.headers[CREDENTIAL_HEADER], (req as RawBodyRequest).rawBody);
        const policy = security.policy.current;
        const requester = { ...credential.identity, purpose: credential.purpose, grantId: credential.grantId };
        return {
          requestId: requestIdOf(),
          log,
          db,
          loaders: def.createLoaders(db),
          policyScope: newPolicyScope(policy, requester, grantStatus(policy, requester, new Date())),
        };
      },
    }),
  );
  return {
    app: app as unknown as RequestListener,
    apollo,
    stop: () => apollo.stop(),
  };
}
