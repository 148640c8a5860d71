/**
 * 立即校验 as a background run: a full verify of the access log walks every chain from its
 * genesis, which is linear in the log (about 10 s at 100,000 records here) — longer than the
 * gateway waits for a subgraph's answer. So an officer starts a run, which this process walks
 * in the background, and reads its state (RUNNING, then DONE or FAILED) until it ends. The
 * runs are rows of the platform database, so every replica and every officer sees the same
 * newest run, and one run at a time is walked across replicas: a start while one is running
 * answers that one. The table is created with the platform's others (legacy-db/ddl.ts).
 *
 * A run whose process died while walking stays RUNNING in its row; once it is older than
 * {@link STALE_MINUTES} it is shown as FAILED (interrupted) and a new start is allowed.
 */
import os from 'node:os';
import type { Knex } from 'knex';
import type { AuditProblem, VerifyReport } from '../../lib/audit';
import type { Logger } from '../../lib/log';
import type { Requester } from '../../lib/policy/engine';

/** How long a run may stay RUNNING before it counts as interrupted. @default 30 minutes — a walk of millions of records, with room. */
const STALE_MINUTES = 30;

export type VerificationState = 'RUNNING' | 'DONE' | 'FAILED';

export interface VerificationRow {
  id: string | number;
  state: VerificationState;
  requested_by: string;
  requested_by_dept: string;
  runner: string;
  started_at: string | Date;
  finished_at: string | Date | null;
  records: number | null;
  chains: number | null;
  checkpoints: number | null;
  problems: AuditProblem[] | null;
  error: string | null;
}

export interface VerificationDeps {
  knex: Knex;
  /** What the walk reads: the access log's database, its key, the anchor's keys, the witnessed heads. */
  verify(): Promise<VerifyReport>;
  now(): Date;
  log: Logger;
}

const stale = (row: VerificationRow, now: Date) => row.state === 'RUNNING' && now.getTime() - new Date(row.started_at).getTime() > STALE_MINUTES * 60_000;

/** The newest run, as its state stands now (a run left by a dead process: FAILED). */
export async function latestVerification(knex: Knex, now: Date): Promise<VerificationRow | null> {
  const row = (await knex('access_log_verification').orderBy('id', 'desc').first()) as VerificationRow | undefined;
  if (!row) return null;
  return stale(row, now) ? { ...row, state: 'FAILED', error: 'interrupted: the process walking it stopped before it ended' } : row;
}

/** Starts a run, or answers the one already running. */
export async function startVerification(deps: VerificationDeps, who: Requester): Promise<VerificationRow> {
  const now = deps.now();
  const started = await deps.knex.transaction(async (trx) => {
    // One start at a time across replicas, so two officers' clicks make one run.
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', ['govgraph.access-log-verification']);
    const running = (await trx('access_log_verification').where({ state: 'RUNNING' }).orderBy('id', 'desc').first()) as VerificationRow | undefined;
    if (running && !stale(running, now)) return { row: running, fresh: false };
    const [row] = (await trx('access_log_verification')
      .insert({ state: 'RUNNING', requested_by: who.user, requested_by_dept: who.dept, runner: `${os.hostname()}:${process.pid}`, started_at: now.toISOString() })
      .returning('*')) as VerificationRow[];
    return { row, fresh: true };
  });
  if (started.fresh) void walk(deps, started.row);
  return started.row;
}

async function walk(deps: VerificationDeps, row: VerificationRow): Promise<void> {
  const t0 = Date.now();
  let update: Partial<VerificationRow>;
  try {
    const report = await deps.verify();
    update = { state: 'DONE', records: report.records, chains: report.writers.length, checkpoints: report.checkpoints, problems: report.problems };
    deps.log[report.problems.length ? 'error' : 'info'](
      { verification: row.id, records: report.records, problems: report.problems.length, ms: Date.now() - t0 },
      report.problems.length ? `access log verification ${row.id}: ${report.problems.length} problem(s) found` : `access log verification ${row.id}: intact, ${report.records} records`,
    );
  } catch (err) {
    update = { state: 'FAILED', error: (err as Error).message.split('\n')[0].slice(0, 500) };
    deps.log.error({ err, verification: row.id }, `access log verification ${row.id} failed`);
  }
  try {
    await deps.knex('access_log_verification')
      .where({ id: row.id })
      .update({ ...update, problems: update.problems ? JSON.stringify(update.problems) : null, finished_at: deps.now().toISOString() });
  } catch (err) {
    // The row stays RUNNING and turns FAILED (interrupted) when stale: nothing is lost but this run's result.
    deps.log.error({ err, verification: row.id }, `access log verification ${row.id}: its result could not be recorded`);
  }
}

export function verificationModel(row: VerificationRow) {
  const done = row.state === 'DONE';
  return {
    id: String(row.id),
    state: row.state,
    requestedBy: row.requested_by,
    requestedByDepartment: row.requested_by_dept,
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    intact: done ? (row.problems ?? []).length === 0 : null,
    records: row.records,
    chains: row.chains,
    checkpoints: row.checkpoints,
    problems: row.problems ?? [],
    error: row.error,
  };
}
