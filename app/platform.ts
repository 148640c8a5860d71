/**
 * The platform's sharing machinery as a process runs it, in one place: the access log every
 * subgraph writes into (its chain heads witnessed outside the database and checked while the
 * process runs) and the grants the workflow issues, read by the policy. Both live in the
 * platform database — the sharing subgraph's.
 */
import { sharing } from '../subgraphs/sharing/server';
import type { Database } from '../lib/db';
import { AccessLog } from '../lib/audit';
import type { HeadWitness } from '../lib/audit/witness';
import { auditHeadCheckSeconds, policyReportSeconds } from '../lib/config';
import { DatabaseGrantSource } from '../lib/grants/grantStore';
import { GrantIntegrity } from '../lib/grants/integrity';
import type { Logger } from '../lib/log';
import { ReplicaReporter } from '../lib/policy/replicas';
import type { SubgraphSecurity } from '../lib/subgraph/security';

/** The platform subgraph: it owns the platform database, and its process runs the anchor. */
export const PLATFORM_SUBGRAPH = sharing;

export interface Platform {
  accessLog: AccessLog;
  /** Stops the head checks, the grants' refresh and flushes the witness; the database stays open. */
  close(): Promise<void>;
}

export interface PlatformOptions {
  /** Where chain heads are witnessed (lib/audit/witness.ts); without one only memory guards the newest records. */
  witness?: HeadWitness;
  /** @default GOVGRAPH_AUDIT_HEAD_CHECK_SECONDS */
  headCheckSeconds?: number;
  /**
   * The subgraphs this process serves: it reports the policy revision it enforces for them to
   * the platform database (lib/policy/replicas.ts; `govgraph policy status`).
   */
  services: string[];
  log: Logger;
}

export async function openPlatform(platformDb: Database, security: Pick<SubgraphSecurity, 'auditKeys' | 'policy'>, opts: PlatformOptions): Promise<Platform> {
  const accessLog = new AccessLog(platformDb, security.auditKeys.key, { witness: opts.witness });
  // Before any record is written: a restarted process checks its chains first, then keeps checking.
  accessLog.watchHeads((opts.headCheckSeconds ?? auditHeadCheckSeconds()) * 1000);
  let grants: DatabaseGrantSource;
  try {
    const integrity = new GrantIntegrity(security.auditKeys.key);
    const upgraded = await integrity.upgrade(platformDb.knex);
    if (upgraded) opts.log.warn({ grants: upgraded }, 'grants written before grants carried MACs are MACed now, once (lib/grants/integrity.ts)');
    grants = await DatabaseGrantSource.open(platformDb, opts.log, integrity);
  } catch (err) {
    await accessLog.close();
    throw err;
  }
  security.policy.addGrantSource(grants);
  let reporter: ReplicaReporter;
  try {
    reporter = await ReplicaReporter.start(platformDb.knex, security.policy, { services: opts.services, intervalSeconds: policyReportSeconds(), log: opts.log });
  } catch (err) {
    grants.close();
    await accessLog.close();
    throw err;
  }
  return {
    accessLog,
    async close() {
      await reporter.close();
      grants.close();
      await accessLog.close();
    },
  };
}
