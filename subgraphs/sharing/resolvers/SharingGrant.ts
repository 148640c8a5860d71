import type { SharingGrantResolvers } from '../__generated__/resolvers-types';
import { grantIsActive } from '../models';

export const SharingGrant: SharingGrantResolvers = {
  active: (g) => grantIsActive(g, new Date()),
};
