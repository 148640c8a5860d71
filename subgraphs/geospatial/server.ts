/**
 * The natural-resources department's subgraph (自然资源局/不动产登记中心): divisions,
 * parcels, real-estate rights and encumbrances over its PostGIS register. Builds nothing
 * and listens on nothing; index.ts (or a test) does.
 */
import { schemaFileIn, type SubgraphDefinition } from '../../lib/subgraph';
import { createLoaders, Loaders } from './loaders';
import { resolvers } from './resolvers';
import { geospatialLegacyDb } from './legacy-db';
import type { PersonRef, RightRow } from './db';

export const geospatial: SubgraphDefinition<Loaders> = {
  name: 'geospatial',
  department: 'natural-resources',
  defaultPort: 4003,
  dialect: 'postgres',
  typeDefs: schemaFileIn(__dirname),
  resolvers,
  createLoaders,
  legacyDb: geospatialLegacyDb,
  // Jurisdiction (属地管理): a person's holdings are judged by where the person lives (from
  // population through @requires); a right by where its parcel lies — the first six digits
  // of a 宗地代码 are its county's GB/T 2260 code (GB/T 13923).
  recordDivisions: {
    Person: (p: PersonRef) => p.residenceDivision?.code,
    RealEstateRight: (r: RightRow) => r.parcelCode.slice(0, 6),
  },
  recordSubjects: {
    Person: (p: PersonRef) => p.idNumber,
    RealEstateRight: (r: RightRow) => r.holderKey,
  },
};
