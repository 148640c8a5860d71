import type { SocialInsuranceEnrolmentResolvers } from '../__generated__/resolvers-types';

export const SocialInsuranceEnrolment: SocialInsuranceEnrolmentResolvers = {
  // The employer's 统一社会信用代码 came with the enrolment (db.ts): a reference, no lookup here.
  employer: (e) => (e.employerUscc ? { uscc: e.employerUscc } : null),
};
