import { encodeCursor } from '../accessLogQueries';
import type { AccessReadResolvers, AccessRecordResolvers } from '../__generated__/resolvers-types';

export const AccessRecord: AccessRecordResolvers = {
  id: (r) => String(r.id),
  cursor: (r) => encodeCursor({ at: r.at, id: r.id }),
  kind: (r) => (r.kind === 'audit-read' ? 'AUDIT_READ' : 'DATA'),
  department: (r) => r.dept,
};

export const AccessRead: AccessReadResolvers = {
  fields: (r) => r.paths,
};
