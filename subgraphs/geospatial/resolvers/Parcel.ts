import type { ParcelResolvers } from '../__generated__/resolvers-types';
import { missing } from './missing';

export const Parcel: ParcelResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.parcelByCode.load(ref.code),
  division: async (p, _args, { loaders }) => (await loaders.divisionByCode.load(p.divisionCode)) ?? missing('XZQH', p.divisionCode, `parcel ${p.code}`),
  geometry: (p, _args, { loaders }) => loaders.geometryByParcel.load(p.code),
  rights: (p, _args, { loaders }) => loaders.rightsByParcel.load(p.code),
};
