import type { LegacyDatabase } from '../../../lib/subgraph';
import { migrate, drop } from './ddl';
import { seed } from './seed';

export const geospatialLegacyDb: LegacyDatabase = {
  embeddedSchema: 'geospatial',
  migrate: (db) => migrate(db.knex),
  drop: (db) => drop(db.knex),
  async isSeeded(db) {
    // The seed is one transaction, so any parcel means all of it is there.
    if (!(await db.knex.schema.hasTable('ZD_ZDJBXX'))) return false;
    return (await db.knex('ZD_ZDJBXX').first('ZDDM')) !== undefined;
  },
  seed,
};
