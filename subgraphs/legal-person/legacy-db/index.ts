/** The market-regulation department's legacy MySQL database: DDL and demo seed. */
import type { LegacyDatabase } from '../../../lib/subgraph';
import { migrate, drop } from './ddl';
import { seed, isSeeded } from './seed';

export const legalPersonLegacyDb: LegacyDatabase = {
  embeddedSchema: 'legal_person',
  migrate,
  drop,
  isSeeded,
  seed,
};
