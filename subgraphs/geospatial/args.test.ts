import { requireLngLat, requireParcelCode, requireRadius, MAX_RADIUS_METERS } from './args';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'OK';
  } catch (e) {
    return (e as { extensions?: { code?: string } }).extensions?.code;
  }
};

describe('geospatial argument validation', () => {
  it.each([
    [118.8, 32.0, 'OK'],
    [-180, -90, 'OK'],
    [180, 90, 'OK'],
    [180.0001, 0, 'BAD_USER_INPUT'],
    [0, -90.5, 'BAD_USER_INPUT'],
    [Number.NaN, 0, 'BAD_USER_INPUT'],
    [0, Number.POSITIVE_INFINITY, 'BAD_USER_INPUT'],
  ])('lng %p lat %p → %s', (lng, lat, expected) => {
    expect(codeOf(() => requireLngLat(lng, lat))).toBe(expected);
  });

  it.each([
    [1, 'OK'],
    [MAX_RADIUS_METERS, 'OK'],
    [0, 'BAD_USER_INPUT'],
    [-5, 'BAD_USER_INPUT'],
    [MAX_RADIUS_METERS + 1, 'BAD_USER_INPUT'],
    [Number.NaN, 'BAD_USER_INPUT'],
  ])('radius %p → %s', (r, expected) => {
    expect(codeOf(() => requireRadius(r))).toBe(expected);
  });

  it.each([
    ['320102003001GB00001', 'OK'],
    ['320115004009GB00123', 'OK'],
    ['320102003001gb00001', 'BAD_USER_INPUT'], // letters must be capitals
    ['320102003001GB0001', 'BAD_USER_INPUT'], // 18 characters
    ['320102003001GB000011', 'BAD_USER_INPUT'], // 20 characters
    ['3201020030012B00001', 'BAD_USER_INPUT'], // a digit where a letter belongs
    ['320100003001GB00001', 'BAD_USER_INPUT'], // 320100 is a city, not a county
    ['990102003001GB00001', 'BAD_USER_INPUT'], // 99 is no province
    ['', 'BAD_USER_INPUT'],
  ])('parcel code %p → %s', (code, expected) => {
    expect(codeOf(() => requireParcelCode(code))).toBe(expected);
  });
});
