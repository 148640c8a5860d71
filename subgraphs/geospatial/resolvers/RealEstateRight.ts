import type { RealEstateRightResolvers } from '../__generated__/resolvers-types';
import { HOLDER_KIND_CODE } from '../holderKind';
import { missing } from './missing';

export const RealEstateRight: RealEstateRightResolvers = {
  parcel: async (r, _args, { loaders }) => (await loaders.parcelByCode.load(r.parcelCode)) ?? missing('ZD_ZDJBXX', r.parcelCode, `right ${r.certificateNo}`),
  holder: (r) => (r.holderKind === HOLDER_KIND_CODE.PERSON ? { idNumber: r.holderKey } : { uscc: r.holderKey }),
  encumbrances: (r, _args, { loaders }) => loaders.encumbrancesByCertificate.load(r.certificateNo),
};
