/** The human-resources department's legacy MySQL database (社会保险经办系统): DDL and demo seed. */
import type { LegacyDatabase } from '../../../lib/subgraph';
import { migrate, drop } from './ddl';
import { seed, isSeeded } from './seed';

export const socialSecurityLegacyDb: LegacyDatabase = {
  embeddedSchema: 'social_security',
  migrate,
  drop,
  isSeeded,
  seed,
};
