import type { AdminDivisionResolvers } from '../__generated__/resolvers-types';

/** XZQH.JB as the register defines it. */
const LEVEL_NAME: Record<number, string> = { 1: '省', 2: '市', 3: '区县', 4: '乡镇街道' };

export const AdminDivision: AdminDivisionResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.divisionByCode.load(ref.code),
  levelName: (d) => LEVEL_NAME[d.level] ?? String(d.level),
  parent: (d, _args, { loaders }) => (d.parentCode ? loaders.divisionByCode.load(d.parentCode) : null),
  children: (d, _args, { loaders }) => loaders.childrenByParent.load(d.code),
  boundary: (d, _args, { loaders }) => loaders.boundaryByCode.load(d.code),
};
