import { fromLegacyTimestamp, toLegacyTimestamp } from './legacyTime';

describe('legacy Beijing-time timestamps', () => {
  it('writes an instant as Beijing wall-clock time', () => {
    expect(toLegacyTimestamp('2025-11-03T09:12:00.000Z')).toBe('2025-11-03 17:12:00.000');
    // crossing midnight and a year boundary
    expect(toLegacyTimestamp('2025-12-31T20:30:05.250Z')).toBe('2026-01-01 04:30:05.250');
  });

  it('reads Beijing wall-clock time back as the same instant in UTC', () => {
    expect(fromLegacyTimestamp('2025-11-03T17:12:00.000')).toBe('2025-11-03T09:12:00.000Z');
    expect(fromLegacyTimestamp('2026-01-01 04:30:05.250')).toBe('2025-12-31T20:30:05.250Z');
  });

  it('round-trips', () => {
    const iso = '2024-02-29T23:59:59.999Z';
    expect(fromLegacyTimestamp(toLegacyTimestamp(iso))).toBe(iso);
  });

  it('refuses text that is not a timestamp', () => {
    expect(() => toLegacyTimestamp('yesterday')).toThrow(RangeError);
    expect(() => fromLegacyTimestamp('31/12/2025')).toThrow(RangeError);
  });
});
