/**
 * The sharing subgraph's per-request context: DataLoaders for the workflow's child lists
 * (an application list is one query per table, not one per application), and access to what
 * the server holds for its life — the live policy, the catalog built from it, the working-day
 * calendar (reloaded when its file changes), the access log.
 */
import fs from 'node:fs';
import path from 'node:path';
import DataLoader from 'dataloader';
import { alignMany, alignOne, MAX_BATCH, type Database } from '../../lib/db';
import type { SubgraphContext, SubgraphRuntime } from '../../lib/subgraph';
import { buildCatalog, type CatalogEntry } from '../../lib/catalog/catalog';
import { DEFAULT_CALENDAR, loadCalendar, WorkingCalendar } from './calendar';
import { divisionCodeTable, eventsOf, EventRow, GrantRow, reviewsOf, ReviewRow } from './db';
import { DivisionRegister } from '../../lib/ids/divisionRegister';
import { grantsByIds } from '../../lib/grants/grantStore';
import type { WorkflowDeps } from './applications';
import { GrantIntegrity } from '../../lib/grants/integrity';

export interface Loaders {
  runtime: SubgraphRuntime;
  reviews: DataLoader<string, ReviewRow[]>;
  events: DataLoader<string, EventRow[]>;
  workflowGrant: DataLoader<string, GrantRow | null>;
  calendar(): WorkingCalendar;
  catalog(): CatalogEntry[];
  workflow: WorkflowDeps;
}

export type SharingContext = SubgraphContext<Loaders>;

/** What lives as long as the server: caches keyed by what invalidates them. */
interface Lasting {
  catalog?: { revision: string; entries: CatalogEntry[] };
  /** The platform's division codes (division_code), for jurisdiction arguments. */
  divisions: DivisionRegister;
  calendar: { file: string; stamp: string; checkedAt: number; value: WorkingCalendar };
  /** MACs the grants the workflow stores (lib/grants/integrity.ts). */
  grantIntegrity: GrantIntegrity;
}
const lasting = new WeakMap<SubgraphRuntime, Lasting>();

/** How often the calendar file's mtime is looked at. @default 1000 ms */
const CALENDAR_CHECK_MS = 1000;

export function createLoaders(db: Database, runtime: SubgraphRuntime): Loaders {
  const { knex } = db;
  const options = { maxBatchSize: MAX_BATCH };
  let state = lasting.get(runtime);
  if (!state) {
    const file = path.join(runtime.policy.dir, 'calendar', 'working-days.yaml');
    state = {
      calendar: { file, stamp: '', checkedAt: 0, value: DEFAULT_CALENDAR },
      divisions: new DivisionRegister({ table: 'division_code', load: () => divisionCodeTable(knex), log: runtime.log }),
      grantIntegrity: new GrantIntegrity(runtime.auditKeys.key),
    };
    lasting.set(runtime, state);
  }
  const s = state;
  const calendar = () => currentCalendar(s, runtime);
  return {
    runtime,
    reviews: new DataLoader(async (ids) => alignMany(ids, await reviewsOf(knex, ids), (r) => r.application_id), options),
    events: new DataLoader(async (ids) => alignMany(ids, await eventsOf(knex, ids), (e) => e.application_id), options),
    workflowGrant: new DataLoader(async (ids) => alignOne(ids, await grantsByIds(knex, ids), (g) => g.id), options),
    calendar,
    catalog() {
      const policy = runtime.policy.current;
      if (s.catalog?.revision !== policy.revision) s.catalog = { revision: policy.revision, entries: buildCatalog(runtime.supergraphSdl, policy) };
      return s.catalog.entries;
    },
    workflow: {
      knex,
      policy: () => runtime.policy.current,
      calendar,
      now: () => new Date(),
      grantsChanged: () => runtime.policy.refreshGrants(),
      divisions: s.divisions,
      grantIntegrity: s.grantIntegrity,
    },
  };
}

/**
 * The calendar in force: re-read when its file changes; a broken file is logged and the
 * last good calendar stays (as for policies: never half-apply, never crash).
 */
function currentCalendar(s: Lasting, runtime: SubgraphRuntime): WorkingCalendar {
  const c = s.calendar;
  const now = Date.now();
  if (now - c.checkedAt < CALENDAR_CHECK_MS) return c.value;
  c.checkedAt = now;
  const st = fs.statSync(c.file, { throwIfNoEntry: false });
  const stamp = st ? `${st.size}:${st.mtimeMs}` : 'absent';
  if (stamp === c.stamp) return c.value;
  try {
    c.value = st ? loadCalendar(c.file) : DEFAULT_CALENDAR;
    c.stamp = stamp;
  } catch (err) {
    runtime.log.error({ err: (err as Error).message, file: c.file }, 'working-day calendar rejected; the last good one stays in force');
    c.stamp = stamp;
  }
  return c.value;
}
