import { ReplayGuard } from './replayGuard';

describe('ReplayGuard', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('remembers an id until it expires', () => {
    const guard = new ReplayGuard({ now });
    expect(guard.check('a', clock + 30_000)).toBe('fresh');
    expect(guard.check('a', clock + 30_000)).toBe('replayed');
    clock += 30_001;
    expect(guard.check('a', clock + 30_000)).toBe('fresh');
  });

  it('evicts expired ids to make room', () => {
    const guard = new ReplayGuard({ capacity: 3, now });
    // Inserted out of expiry order, so the oldest-first trim alone would not find them.
    expect(guard.check('long', clock + 60_000)).toBe('fresh');
    expect(guard.check('b', clock + 10_000)).toBe('fresh');
    expect(guard.check('c', clock + 10_000)).toBe('fresh');
    clock += 20_000;
    expect(guard.check('d', clock + 10_000)).toBe('fresh');
    expect(guard.check('e', clock + 10_000)).toBe('fresh');
    expect(guard.size).toBe(3);
    // Still remembered: `long` has not expired.
    expect(guard.check('long', clock + 60_000)).toBe('replayed');
  });

  it('refuses rather than forgets when full of unexpired ids', () => {
    const guard = new ReplayGuard({ capacity: 2, now });
    expect(guard.check('a', clock + 30_000)).toBe('fresh');
    expect(guard.check('b', clock + 30_000)).toBe('fresh');
    expect(guard.check('c', clock + 30_000)).toBe('full');
    // `a` and `b` are still remembered: nothing was forgotten to make room.
    expect(guard.check('a', clock + 30_000)).toBe('replayed');
    expect(guard.check('b', clock + 30_000)).toBe('replayed');
    clock += 30_001;
    expect(guard.check('c', clock + 30_000)).toBe('fresh');
  });

  it('trims expired ids as it goes, without waiting to be full', () => {
    const guard = new ReplayGuard({ capacity: 1000, now });
    for (let i = 0; i < 10; i++) guard.check(`old-${i}`, clock + 1000);
    clock += 2000;
    for (let i = 0; i < 3; i++) guard.check(`new-${i}`, clock + 1000);
    expect(guard.size).toBeLessThan(13);
  });

  it('rejects a nonsensical capacity', () => {
    expect(() => new ReplayGuard({ capacity: 0 })).toThrow(/capacity/);
  });
});
