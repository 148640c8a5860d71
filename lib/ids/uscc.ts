/**
 * 统一社会信用代码 (GB 32100-2015): registration authority (1) + organisation type (1) +
 * division (6) + organisation code (9, itself GB 11714-checked) + check character.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const SHAPE = new RegExp(`^[${USCC_ALPHABET}]{18}$`);

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** GB 11714 check for an 8-character organisation-code body (digits = value, A = 10 … Z = 35). */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i], 36) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export type UsccCheck = { ok: true; divisionCode: string } | { ok: false; problem: string };

export function checkUscc(value: string): UsccCheck {
  const v = value.trim().toUpperCase();
  if (!SHAPE.test(v)) {
    return { ok: false, problem: 'must be 18 characters from 0-9 and A-Y without I, O, S, V, Z' };
  }
  const orgCheck = orgCodeCheckChar(v.slice(8, 16));
  if (v[16] !== orgCheck) {
    return { ok: false, problem: `organisation code check is ${v[16]}, GB 11714 gives ${orgCheck}` };
  }
  const expected = usccCheckChar(v);
  if (v[17] !== expected) {
    return { ok: false, problem: `check character is ${v[17]}, GB 32100 gives ${expected}` };
  }
  return { ok: true, divisionCode: v.slice(2, 8) };
}

/** Builds a valid code from an 8-character organisation-code body drawn from USCC_ALPHABET. */
export function makeUscc(authority: string, orgType: string, divisionCode: string, body8: string): string {
  const first17 = authority + orgType + divisionCode + body8 + orgCodeCheckChar(body8);
  return first17 + usccCheckChar(first17);
}
