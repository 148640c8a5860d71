/**
 * 公民身份号码 (GB 11643-1999): 6-digit division code + YYYYMMDD + 3-digit sequence
 * (odd = male) + check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export type IdNumberCheck =
  | { ok: true; divisionCode: string; birthDate: string; gender: 'MALE' | 'FEMALE' }
  | { ok: false; problem: string };

/** A real calendar date, not in the future, not before 1900. */
export function checkBirthDate(yyyymmdd: string, today = new Date()): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return `birth date ${yyyymmdd} is not a calendar date`;
  }
  if (y < 1900) return `birth date ${yyyymmdd} is before 1900`;
  if (date.getTime() > today.getTime()) return `birth date ${yyyymmdd} is in the future`;
  return null;
}

export function checkIdNumber(value: string): IdNumberCheck {
  const v = value.trim().toUpperCase();
  if (!SHAPE.test(v)) {
    return { ok: false, problem: 'must be 18 characters: 17 digits and a check digit or X' };
  }
  const dateProblem = checkBirthDate(v.slice(6, 14));
  if (dateProblem) return { ok: false, problem: dateProblem };
  const expected = idNumberCheckChar(v);
  if (v[17] !== expected) {
    return { ok: false, problem: `check character is ${v[17]}, GB 11643 gives ${expected}` };
  }
  const birthDate = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  return { ok: true, divisionCode: v.slice(0, 6), birthDate, gender: Number(v[16]) % 2 === 1 ? 'MALE' : 'FEMALE' };
}

/** Builds a valid number; `sequence` 0–999, odd for men. */
export function makeIdNumber(divisionCode: string, birthDate: string, sequence: number): string {
  const first17 = divisionCode + birthDate.replace(/-/g, '') + String(sequence).padStart(3, '0');
  return first17 + idNumberCheckChar(first17);
}
