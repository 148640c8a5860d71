/**
 * The platform operator's own database (大数据中心). Unlike the departments' it is not a legacy
 * schema: govgraph owns it, so its names are plain. It holds the access log (lib/audit), the
 * workflow's grants (lib/grants), applications with their per-provider reviews and history,
 * data-quality reports and policy changes.
 */
import type { Database } from '../../../lib/db';
import { AccessLog } from '../../../lib/audit';
import { migrateGrants } from '../../../lib/grants/grantStore';
import { ALL_DIVISIONS } from '../../../lib/synthetic';

const DDL = [
  'CREATE SEQUENCE IF NOT EXISTS grant_application_seq',
  `CREATE TABLE IF NOT EXISTS grant_application (
    id            text        PRIMARY KEY,
    consumer      text        NOT NULL,
    purpose       text        NOT NULL,
    justification text        NOT NULL,
    fields        text[]      NOT NULL,
    unmasked      text[]      NOT NULL,
    jurisdiction  text        NOT NULL,
    valid_until   date        NOT NULL,
    status        text        NOT NULL,
    submitted_by  text        NOT NULL,
    submitted_at  timestamptz NOT NULL,
    due_on        date        NOT NULL,
    decided_at    timestamptz,
    grant_id      text
  )`,
  'CREATE INDEX IF NOT EXISTS grant_application_consumer ON grant_application (consumer, submitted_at)',
  'CREATE INDEX IF NOT EXISTS grant_application_status ON grant_application (status, due_on)',
  // One review per provider department whose fields the application names (联合审批).
  `CREATE TABLE IF NOT EXISTS application_review (
    application_id text        NOT NULL REFERENCES grant_application (id),
    provider       text        NOT NULL,
    status         text        NOT NULL,
    fields         text[]      NOT NULL,
    approved_fields text[],
    unmasked       text[],
    jurisdiction   text,
    valid_until    date,
    decided_by     text,
    decided_at     timestamptz,
    reason         text,
    PRIMARY KEY (application_id, provider)
  )`,
  'CREATE INDEX IF NOT EXISTS application_review_provider ON application_review (provider, status)',
  // Applications withdrawn before reviews could be WITHDRAWN left them PENDING: close them.
  `UPDATE application_review r SET status = 'WITHDRAWN' FROM grant_application a
    WHERE a.id = r.application_id AND a.status = 'WITHDRAWN' AND r.status = 'PENDING'`,
  // Every state change: who, when, what (append-only by convention; the access log is the tamper-evident record).
  `CREATE TABLE IF NOT EXISTS application_event (
    id             bigserial   PRIMARY KEY,
    application_id text        NOT NULL REFERENCES grant_application (id),
    at             timestamptz NOT NULL,
    actor          text        NOT NULL,
    actor_dept     text        NOT NULL,
    action         text        NOT NULL,
    note           text
  )`,
  'CREATE INDEX IF NOT EXISTS application_event_application ON application_event (application_id, id)',
  'CREATE SEQUENCE IF NOT EXISTS data_issue_seq',
  `CREATE TABLE IF NOT EXISTS data_issue (
    id              text        PRIMARY KEY,
    path            text        NOT NULL,
    subject_key     text        NOT NULL,
    description     text        NOT NULL,
    provider        text        NOT NULL,
    reporter        text        NOT NULL,
    reporter_dept   text        NOT NULL,
    reported_at     timestamptz NOT NULL,
    status          text        NOT NULL,
    acknowledged_at timestamptz,
    acknowledged_by text,
    acknowledge_note text,
    resolved_at     timestamptz,
    resolved_by     text,
    outcome         text,
    resolution      text
  )`,
  'CREATE INDEX IF NOT EXISTS data_issue_provider ON data_issue (provider, status)',
  'CREATE INDEX IF NOT EXISTS data_issue_reporter ON data_issue (reporter_dept, reported_at)',
  // Policy changes proposed in the console (four-eyes): the provider file's text before and
  // after, so what was approved is exactly what was written, and the revisions it replaced
  // and made.
  'CREATE SEQUENCE IF NOT EXISTS policy_change_seq',
  `CREATE TABLE IF NOT EXISTS policy_change (
    id               text        PRIMARY KEY,
    provider         text        NOT NULL,
    file             text        NOT NULL,
    status           text        NOT NULL,
    reason           text        NOT NULL,
    fields           jsonb       NOT NULL,
    effect           jsonb       NOT NULL,
    before_text      text        NOT NULL,
    after_text       text        NOT NULL,
    proposed_by      text        NOT NULL,
    proposed_by_dept text        NOT NULL,
    proposed_at      timestamptz NOT NULL,
    base_revision    text        NOT NULL,
    decided_by       text,
    decided_by_dept  text,
    decided_at       timestamptz,
    decision_note    text,
    before_revision  text,
    after_revision   text
  )`,
  'CREATE INDEX IF NOT EXISTS policy_change_provider ON policy_change (provider, proposed_at)',
  // 立即校验's background runs (verificationRuns.ts): who asked, when, and what the walk found.
  `CREATE TABLE IF NOT EXISTS access_log_verification (
    id                bigserial   PRIMARY KEY,
    state             text        NOT NULL,
    requested_by      text        NOT NULL,
    requested_by_dept text        NOT NULL,
    runner            text        NOT NULL,
    started_at        timestamptz NOT NULL,
    finished_at       timestamptz,
    records           integer,
    chains            integer,
    checkpoints       integer,
    problems          jsonb,
    error             text
  )`,
  // The platform's own copy of the division codes (GB/T 2260 and townships) of the area it
  // serves: jurisdictions in applications and decisions are checked against it.
  `CREATE TABLE IF NOT EXISTS division_code (
    code text PRIMARY KEY,
    name text NOT NULL
  )`,
];

export async function migrate(db: Database): Promise<void> {
  // The access log's tables need no key to create; the key only matters to append and verify.
  await new AccessLog(db, Buffer.alloc(32)).migrate();
  await migrateGrants(db);
  for (const statement of DDL) await db.knex.raw(statement);
  // Reference data, not demo data: kept up to date on every start, never dropped.
  await db
    .knex('division_code')
    .insert(ALL_DIVISIONS.map((d) => ({ code: d.code, name: d.name })))
    .onConflict('code')
    .ignore();
}

/**
 * `govgraph seed` re-seeds the departments' demo data; the platform's records — the access
 * log above all — are records, not demo data, and are never dropped by it.
 */
export async function drop(): Promise<void> {}
