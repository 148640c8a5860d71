/**
 * Validation of the geospatial arguments that lib/ids does not cover. Every check runs
 * before any SQL; a bad value is BAD_USER_INPUT saying what is wrong.
 */
import { errors } from '../../lib/errors';
import { checkDivisionCode } from '../../lib/ids';

/** Largest `parcelsNear` radius: the whole of 南京市 fits in 50 km of its centre. */
export const MAX_RADIUS_METERS = 50_000;
/** Most parcels one `parcelsNear` returns: enough for a map view, bounded for the database. */
export const MAX_NEAR_PARCELS = 500;

const PARCEL_CODE = /^\d{12}[A-Z]{2}\d{5}$/;

export function requireLngLat(lng: number, lat: number): { lng: number; lat: number } {
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) {
    throw errors.badUserInput(`lng ${lng} is not a longitude: it must be between -180 and 180 degrees (WGS 84).`, 'lng');
  }
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) {
    throw errors.badUserInput(`lat ${lat} is not a latitude: it must be between -90 and 90 degrees (WGS 84).`, 'lat');
  }
  return { lng, lat };
}

export function requireRadius(radiusMeters: number): number {
  if (!Number.isFinite(radiusMeters) || radiusMeters <= 0 || radiusMeters > MAX_RADIUS_METERS) {
    throw errors.badUserInput(`radiusMeters ${radiusMeters} is out of range: it must be more than 0 and at most ${MAX_RADIUS_METERS}.`, 'radiusMeters');
  }
  return radiusMeters;
}

/** 宗地代码: 6-digit county code, 3+3 digits of cadastral (sub)district, 2 letters, 5 digits. */
export function requireParcelCode(code: string, argumentName = 'code'): string {
  if (!PARCEL_CODE.test(code)) {
    throw errors.badUserInput(`${argumentName} "${code}" is not a 宗地代码: it must be 12 digits, 2 capital letters and 5 digits (19 characters).`, argumentName);
  }
  const county = checkDivisionCode(code.slice(0, 6));
  if (!county.ok || county.level !== 3) {
    const problem = county.ok ? `${code.slice(0, 6)} is not a county-level code` : county.problem;
    throw errors.badUserInput(`${argumentName} "${code}" is not a 宗地代码: its first 6 digits must be a GB/T 2260 county code (${problem}).`, argumentName);
  }
  return code;
}
