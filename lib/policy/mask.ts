/**
 * Display restriction (GB/T 35273 最小必要 / 展示限制): personal data leaves govgraph masked
 * unless a grant says otherwise. Masking happens on the server, never in a UI.
 */
export const MASK_RULES = ['idNumber', 'phone', 'name', 'address'] as const;
export type MaskRule = (typeof MASK_RULES)[number];

/** `110101********1234`: division code and last four kept (the national display rule). */
function maskIdNumber(v: string): string {
  return v.length >= 10 ? v.slice(0, 6) + '*'.repeat(v.length - 10) + v.slice(-4) : '*'.repeat(v.length);
}

/** `138****5678`. */
function maskPhone(v: string): string {
  return v.length >= 7 ? v.slice(0, 3) + '*'.repeat(v.length - 7) + v.slice(-4) : '*'.repeat(v.length);
}

/** `张*` / `欧阳**`: the surname (first character) only. Works on code points, not UTF-16 units. */
function maskName(v: string): string {
  const chars = [...v];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

/** `江苏省南京市玄武区****`: down to the district (区/县/市), the rest hidden. */
function maskAddress(v: string): string {
  const m = /^(.*?(?:区|县|旗))/.exec(v) ?? /^(.*?市)/.exec(v);
  const kept = m ? m[1] : [...v].slice(0, 6).join('');
  return kept + '****';
}

const MASKERS: Record<MaskRule, (v: string) => string> = {
  idNumber: maskIdNumber,
  phone: maskPhone,
  name: maskName,
  address: maskAddress,
};

/** Masks a leaf value; lists are masked element by element; null stays null. */
export function applyMask(rule: MaskRule, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((v) => applyMask(rule, v));
  if (typeof value !== 'string') return value;
  return value === '' ? value : MASKERS[rule](value);
}
