/**
 * Which policy revision each running subgraph process enforces, kept in the platform
 * database every process already writes its access records to — so an operator (and a
 * deployment script) can tell when a policy change is in force everywhere, not only in the
 * replica that happened to answer (README, "Deployment and scale-out": one policy, many
 * replicas).
 *
 * Every replica reads the same policy files (one ConfigMap, one shared directory) and hot-reloads
 * them (lib/policy/store.ts); a new revision is reported here the moment it is in force, and
 * every few seconds after as a heartbeat. `govgraph policy status` then says "in force" only
 * when every live replica reports it: from that moment no request is decided under the old
 * revision on any replica (the store swaps the policy before it reports; a request takes the
 * policy once, when it starts). A replica that stops says so by deleting its row; one that
 * died stops being live after {@link LIVE_AFTER_HEARTBEATS} missed heartbeats.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { PolicyStore } from './store';
import type { Logger } from '../log';

/** Seconds between a replica's reports when nothing changes (GOVGRAPH_POLICY_REPORT_SECONDS). @default 5 */
export const DEFAULT_REPORT_SECONDS = 5;
/** A replica that missed this many heartbeats is no longer counted as live. */
export const LIVE_AFTER_HEARTBEATS = 3;

const TABLE = 'policy_replica';

/** One process's report. */
export interface ReplicaReport {
  /** `host:pid:random` — one per process start. */
  instance: string;
  /** The subgraphs the process serves, comma-separated (`population`, or all of `npm start`'s). */
  services: string;
  revision: string;
  /** When this revision came into force in that process. */
  since: Date;
  /** Its last heartbeat. */
  seenAt: Date;
}

/** Creates the table once per database (idempotent; safe when replicas start together). */
export async function ensureReplicaTable(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    // CREATE TABLE IF NOT EXISTS is not safe against itself in PostgreSQL: serialize it.
    await trx.raw("SELECT pg_advisory_xact_lock(hashtext('govgraph.policy_replica'))");
    await trx.raw(`CREATE TABLE IF NOT EXISTS ${TABLE} (
      instance text PRIMARY KEY,
      services text NOT NULL,
      revision text NOT NULL,
      since timestamptz NOT NULL,
      seen_at timestamptz NOT NULL
    )`);
  });
}

export interface ReplicaReporterOptions {
  services: string[];
  /** @default {@link DEFAULT_REPORT_SECONDS} */
  intervalSeconds?: number;
  log: Logger;
}

/**
 * Reports `store`'s revision for this process until {@link close}. A failed report is logged
 * and retried at the next heartbeat: the report informs operators, it never blocks a request.
 */
export class ReplicaReporter {
  readonly instance = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private since = new Date();
  private revision: string;
  private readonly timer: NodeJS.Timeout;
  private readonly stopListening: () => void;
  private pending: Promise<void> = Promise.resolve();
  private failing = false;
  private closed = false;

  private constructor(private readonly knex: Knex, store: PolicyStore, private readonly opts: ReplicaReporterOptions) {
    this.revision = store.current.revision;
    this.stopListening = store.onRevision((revision) => {
      this.revision = revision;
      this.since = new Date();
      this.report();
    });
    this.timer = setInterval(() => this.report(), (opts.intervalSeconds ?? DEFAULT_REPORT_SECONDS) * 1000);
    this.timer.unref();
  }

  /** Starts reporting; the first report is written before this resolves. */
  static async start(knex: Knex, store: PolicyStore, opts: ReplicaReporterOptions): Promise<ReplicaReporter> {
    await ensureReplicaTable(knex);
    const reporter = new ReplicaReporter(knex, store, opts);
    await reporter.report();
    return reporter;
  }

  /** Writes the current report (serialized: reports land in the order they were made). */
  report(): Promise<void> {
    // seen_at by the database's clock, which status compares with: hosts' clocks may differ.
    const row = { instance: this.instance, services: this.opts.services.join(','), revision: this.revision, since: this.since, seen_at: this.knex.fn.now() };
    this.pending = this.pending.then(async () => {
      if (this.closed) return;
      try {
        await this.knex(TABLE).insert(row).onConflict('instance').merge(['services', 'revision', 'since', 'seen_at']);
        if (this.failing) this.opts.log.info('policy revision report written again');
        this.failing = false;
      } catch (err) {
        if (!this.failing) this.opts.log.warn({ err }, 'could not report the policy revision in force to the platform database; retrying at the next heartbeat');
        this.failing = true;
      }
    });
    return this.pending;
  }

  /** Stops reporting and removes this process's row: a replica stopped on purpose is not "lagging". */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.stopListening();
    await this.pending;
    this.closed = true;
    await this.knex(TABLE).where({ instance: this.instance }).delete().catch(() => undefined);
  }
}

/** What every live replica enforces. */
export interface PolicyStatus {
  live: ReplicaReport[];
  /** Replicas whose last heartbeat is too old to count (likely gone without saying so). */
  stale: ReplicaReport[];
  /** The revisions in force among live replicas, with how many enforce each. */
  revisions: Map<string, number>;
}

export async function readPolicyStatus(knex: Knex, opts: { intervalSeconds?: number } = {}): Promise<PolicyStatus> {
  const hasTable = await knex.schema.hasTable(TABLE);
  const rows: Array<{ instance: string; services: string; revision: string; since: Date; seen_at: Date; age: string | number }> = hasTable
    ? await knex(TABLE)
        .select('*', knex.raw('extract(epoch from now() - seen_at) AS age'))
        .orderBy([{ column: 'services' }, { column: 'instance' }])
    : [];
  const horizon = LIVE_AFTER_HEARTBEATS * (opts.intervalSeconds ?? DEFAULT_REPORT_SECONDS);
  const live: ReplicaReport[] = [];
  const stale: ReplicaReport[] = [];
  for (const r of rows) {
    const report = { instance: r.instance, services: r.services, revision: r.revision, since: new Date(r.since), seenAt: new Date(r.seen_at) };
    (Number(r.age) <= horizon ? live : stale).push(report);
  }
  const revisions = new Map<string, number>();
  for (const r of live) revisions.set(r.revision, (revisions.get(r.revision) ?? 0) + 1);
  return { live, stale, revisions };
}
