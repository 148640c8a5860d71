/**
 * 权利人类型 QLRLX as the register codes it. The one place the code is mapped, both ways.
 */
export const HOLDER_KIND_CODE = { PERSON: '1', COMPANY: '2' } as const;

export type HolderKindCode = (typeof HOLDER_KIND_CODE)[keyof typeof HOLDER_KIND_CODE];
