/**
 * Argument validation for identifiers: every check runs before any SQL, and a bad value
 * is a BAD_USER_INPUT error that says what is wrong.
 */
import { errors } from '../errors';
import { checkIdNumber } from './idNumber';
import { checkUscc } from './uscc';
import { checkDivisionCode } from './division';

export * from './idNumber';
export * from './uscc';
export * from './division';

export function requireIdNumber(value: string, argumentName = 'idNumber'): string {
  const r = checkIdNumber(value);
  if (!r.ok) throw errors.badUserInput(`${argumentName} "${value}" is not a valid 公民身份号码: ${r.problem}.`, argumentName);
  return value.trim().toUpperCase();
}

export function requireUscc(value: string, argumentName = 'uscc'): string {
  const r = checkUscc(value);
  if (!r.ok) throw errors.badUserInput(`${argumentName} "${value}" is not a valid 统一社会信用代码: ${r.problem}.`, argumentName);
  return value.trim().toUpperCase();
}

export function requireDivisionCode(value: string, argumentName = 'code'): string {
  const r = checkDivisionCode(value);
  if (!r.ok) throw errors.badUserInput(`${argumentName} "${value}" is not a valid division code: ${r.problem}.`, argumentName);
  return value;
}

/** Bounds a list argument so one request cannot ask for an unbounded batch. */
export function requireListSize<T>(values: readonly T[], max: number, argumentName: string): readonly T[] {
  if (values.length > max) {
    throw errors.badUserInput(`${argumentName} has ${values.length} items; at most ${max} are allowed per request.`, argumentName);
  }
  return values;
}
