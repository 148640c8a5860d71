import { describedLegacyDatabase } from '../../../lib/legacyDb';
import { TABLES } from './tables';

/**
 * The human-resources department's existing MySQL database: never created, altered, dropped or
 * seeded on a real server, only checked against tables.ts at start (lib/legacyDb/describedDatabase.ts).
 */
export const legacyDb = describedLegacyDatabase({ embeddedSchema: 'social_security', dialect: 'mysql', tables: TABLES });
