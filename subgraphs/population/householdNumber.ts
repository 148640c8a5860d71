/**
 * 户号 as the department issues it: the 6-digit GB/T 2260 division code of the 户籍 followed
 * by a 6-digit sequence within that division.
 */
import { checkDivisionCode } from '../../lib/ids';
import { errors } from '../../lib/errors';

export function checkHouseholdNumber(value: string): string | null {
  if (!/^\d{12}$/.test(value)) return 'must be 12 digits: a 6-digit division code and a 6-digit sequence';
  const division = checkDivisionCode(value.slice(0, 6));
  if (!division.ok) return `its first 6 digits are not a division code: ${division.problem}`;
  return null;
}

/** Validates a household number argument before any SQL; BAD_USER_INPUT says what is wrong. */
export function requireHouseholdNumber(value: string, argumentName = 'number'): string {
  const v = value.trim();
  const problem = checkHouseholdNumber(v);
  if (problem) throw errors.badUserInput(`${argumentName} "${value}" is not a valid 户号: ${problem}.`, argumentName);
  return v;
}
