import { RELATION_TO_HEAD } from '../../../lib/synthetic';
import type { HouseholdMemberResolvers } from '../__generated__/resolvers-types';

/** GB/T 4761 '99': what a member without a recorded relation is to the head. */
const UNRECORDED_RELATION = RELATION_TO_HEAD['99'];

// The parent is the member's own person row (it carries 与户主关系), so neither field queries.
export const HouseholdMember: HouseholdMemberResolvers = {
  person: (m) => m,
  relationToHead: (m) => m.relationToHead ?? UNRECORDED_RELATION,
};
