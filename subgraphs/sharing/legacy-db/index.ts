import type { LegacyDatabase } from '../../../lib/subgraph';
import { drop, migrate } from './ddl';

/** The platform operator's database (PostgreSQL): nothing to seed — it fills with use. */
export const sharingDb: LegacyDatabase = {
  embeddedSchema: 'sharing',
  migrate,
  drop,
  isSeeded: async () => true,
  seed: async () => undefined,
};
