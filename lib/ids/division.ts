/**
 * Administrative division codes: GB/T 2260 (6 digits: province, prefecture, county) and the
 * 9-digit township level used for 乡镇街道 (GB/T 10114 statistical codes, first 9 digits).
 */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

export type DivisionCheck = { ok: true; level: 1 | 2 | 3 | 4 } | { ok: false; problem: string };

export function checkDivisionCode(value: string): DivisionCheck {
  if (!/^\d{6}(\d{3})?$/.test(value)) {
    return { ok: false, problem: 'must be 6 digits (GB/T 2260) or 9 digits for a township' };
  }
  if (!PROVINCES.has(value.slice(0, 2))) {
    return { ok: false, problem: `${value.slice(0, 2)} is not a GB/T 2260 province code` };
  }
  if (value.length === 9) return { ok: true, level: 4 };
  if (value.slice(2) === '0000') return { ok: true, level: 1 };
  if (value.slice(4) === '00') return { ok: true, level: 2 };
  return { ok: true, level: 3 };
}

/** The code's parent in the GB/T 2260 tree, or null for a province. */
export function parentDivisionCode(code: string): string | null {
  if (code.length === 9) return code.slice(0, 6);
  if (code.slice(2) === '0000') return null;
  if (code.slice(4) === '00') return code.slice(0, 2) + '0000';
  return code.slice(0, 4) + '00';
}

/** Whether `code` lies inside `ancestor` (a division contains itself). */
export function isWithinDivision(code: string, ancestor: string): boolean {
  const prefix = ancestor.replace(/(00)+$/, '');
  return code.startsWith(prefix);
}
