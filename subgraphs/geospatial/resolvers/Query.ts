import type { QueryResolvers } from '../__generated__/resolvers-types';
import { requireLngLat, requireParcelCode, requireRadius, MAX_NEAR_PARCELS } from '../args';
import { divisionAt, parcelsNearQuery, ParcelRow } from '../db';

export const Query: QueryResolvers = {
  // A code the register does not hold is refused, not answered null: a typo must not look
  // like a division that has no data.
  division: async (_parent, { code }, { loaders }) => loaders.divisionByCode.load(await loaders.divisionCodes.require(code, 'code')),

  divisionAt: async (_parent, args, { db, loaders }) => {
    const { lng, lat } = requireLngLat(args.lng, args.lat);
    const row = await divisionAt(db.knex, lng, lat);
    if (row) loaders.divisionByCode.prime(row.code, row);
    return row;
  },

  parcel: (_parent, { code }, { loaders }) => loaders.parcelByCode.load(requireParcelCode(code)),

  parcelsNear: async (_parent, args, { db, loaders }) => {
    const { lng, lat } = requireLngLat(args.lng, args.lat);
    const radius = requireRadius(args.radiusMeters);
    const rows: ParcelRow[] = await parcelsNearQuery(db.knex, lng, lat, radius, MAX_NEAR_PARCELS);
    for (const row of rows) loaders.parcelByCode.prime(row.code, row);
    return rows;
  },
};
