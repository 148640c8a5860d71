/** The sharing subgraph (大数据中心 big-data-center), as the one subgraph list exports it. */
import { schemaFileIn, type SubgraphDefinition } from '../../lib/subgraph';
import { AuditAnchor } from '../../lib/audit';
import { sharingDb } from './legacy-db';
import { createLoaders, Loaders } from './loaders';
import { resolvers } from './resolvers';
import { operationRules } from './access';

/**
 * GOVGRAPH_AUDIT_CHECKPOINT_SECONDS — how often the anchor verifies new access-log records
 * and signs a checkpoint. @default 60: the newest minute of records is protected by the
 * keyed chain alone, the rest also by a signature no writer holds.
 */
function checkpointSeconds(): number {
  const n = Number(process.env.GOVGRAPH_AUDIT_CHECKPOINT_SECONDS ?? 60);
  if (!Number.isFinite(n) || n < 1) throw new Error('GOVGRAPH_AUDIT_CHECKPOINT_SECONDS must be a positive number');
  return n;
}

export const sharing: SubgraphDefinition<Loaders> = {
  name: 'sharing',
  department: 'big-data-center',
  defaultPort: 4004,
  dialect: 'postgres',
  typeDefs: schemaFileIn(__dirname),
  resolvers: resolvers as SubgraphDefinition['resolvers'],
  createLoaders,
  legacyDb: sharingDb,
  // The platform's own records hold no department's personal fields; reading the access log
  // is logged explicitly by its resolvers (accessLogQueries.ts).
  recordDivisions: {},
  recordSubjects: {},
  operationRules,
  startBackground(_db, runtime) {
    // The anchor works on the access log's database, which is this subgraph's own.
    let anchor: AuditAnchor | undefined;
    const started = runtime.auditKeys.anchorSigner().then((signer) => {
      anchor = new AuditAnchor(runtime.accessLog.db, {
        key: runtime.auditKeys.key,
        signer,
        anchorKeys: runtime.auditKeys.anchorKeys,
        log: runtime.log,
        // The heads this process witnessed (its own, and every chain's in `npm start`), and
        // where the anchor writes down each head it verifies, so a restart does not forget them.
        witness: runtime.accessLog.witness,
      });
      anchor.start(checkpointSeconds() * 1000);
    });
    started.catch((err) => runtime.log.error({ err }, 'access log anchor not started'));
    return {
      async stop() {
        await started.catch(() => undefined);
        await anchor?.stop();
      },
    };
  },
};
