import { ALL_DIVISIONS, CITY, DISTRICT_SEEDS, PROVINCE, streetsOf } from '../../../lib/synthetic';
import { divisionBoundaries } from './boundaries';
import { centroid, insideConvex, Ring, signedArea } from './planar';

const rings = divisionBoundaries();
const ring = (code: string): Ring => rings.get(code)!;
const area = (code: string) => signedArea(ring(code));
/** Children whose ring contains `p` (boundaries count as inside). */
const holders = (codes: string[], p: [number, number]) => codes.filter((c) => insideConvex(ring(c), p));

describe('synthetic division boundaries', () => {
  it('gives every division a convex counter-clockwise ring', () => {
    for (const d of ALL_DIVISIONS) {
      const r = ring(d.code);
      expect(r.length).toBeGreaterThanOrEqual(3);
      expect(signedArea(r)).toBeGreaterThan(0);
      // Convex and CCW: every vertex is inside (or on) the ring it belongs to.
      for (const v of r) expect(insideConvex(r, v)).toBe(true);
    }
    expect(rings.size).toBe(ALL_DIVISIONS.length);
  });

  it('tiles the city with its districts and each district with its streets (no gaps, no overlaps)', () => {
    const districts = DISTRICT_SEEDS.map((d) => d.code);
    expect(districts.reduce((s, c) => s + area(c), 0)).toBeCloseTo(area(CITY.code), 6);
    for (const d of districts) {
      const streets = streetsOf(d).map((s) => s.code);
      expect(streets.reduce((s, c) => s + area(c), 0)).toBeCloseTo(area(d), 7);
      for (const s of streets) {
        // A street's interior point lies in its district and in no sibling.
        const c = centroid(ring(s));
        expect(holders(streets, c)).toEqual([s]);
        expect(holders(districts, c)).toEqual([d]);
      }
    }
  });

  it('puts every district centre in its own district, and the city inside the province', () => {
    for (const d of DISTRICT_SEEDS) expect(holders(DISTRICT_SEEDS.map((x) => x.code), d.centre)).toEqual([d.code]);
    for (const v of ring(CITY.code)) expect(insideConvex(ring(PROVINCE.code), v)).toBe(true);
  });

  it('is deterministic', () => {
    expect(JSON.stringify([...divisionBoundaries()])).toBe(JSON.stringify([...rings]));
  });
});
