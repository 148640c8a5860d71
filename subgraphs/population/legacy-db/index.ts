import type { LegacyDatabase } from '../../../lib/subgraph';
import { drop, migrate } from './ddl';
import { isSeeded, seed } from './seed';

/** The 公安局 population database (PostgreSQL), as the department runs it today. */
export const populationLegacyDb: LegacyDatabase = {
  embeddedSchema: 'population',
  migrate,
  drop,
  isSeeded,
  seed,
};
