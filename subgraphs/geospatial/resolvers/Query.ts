import type { QueryResolvers } from '../__generated__/resolvers-types';
import { requireDivisionCode } from '../../../lib/ids';
import { requireLngLat, requireParcelCode, requireRadius, MAX_NEAR_PARCELS } from '../args';
import { divisionAt, parcelsNearQuery, ParcelRow } from '../db';

export const Query: QueryResolvers = {
  division: (_parent, { code }, { loaders }) => loaders.divisionByCode.load(requireDivisionCode(code)),

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
