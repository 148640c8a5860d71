import { generateWorld, SHOWCASE } from '../../../lib/synthetic';
import { divisionBoundaries } from './boundaries';
import { layoutCells, parcelFootprints } from './footprints';
import { insideConvex, metresPerDegree, Ring, signedArea } from './planar';

const streets = divisionBoundaries();
const world = generateWorld({ persons: 10_000 });
const footprints = parcelFootprints(world.parcels, streets);

/** Area in m² of a small ring, with the local metres-per-degree. */
function squareMetres(r: Ring): number {
  const mpd = metresPerDegree(r[0][1]);
  return signedArea(r) * mpd.lng * mpd.lat;
}

function bbox(r: Ring) {
  const xs = r.map((p) => p[0]);
  const ys = r.map((p) => p[1]);
  return { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
}

describe('synthetic parcel outlines', () => {
  it('places every parcel wholly inside its street', () => {
    expect(footprints.size).toBe(world.parcels.length);
    for (const p of world.parcels) {
      const street = streets.get(p.streetCode)!;
      for (const v of footprints.get(p.code)!) expect(insideConvex(street, v)).toBe(true);
    }
  });

  it('draws each outline with its registered area', () => {
    for (const p of world.parcels) expect(Math.abs(squareMetres(footprints.get(p.code)!) / p.area - 1)).toBeLessThan(0.005);
  });

  it('never overlaps two outlines', () => {
    const boxes = world.parcels.map((p) => bbox(footprints.get(p.code)!));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
        expect(overlap).toBe(false);
      }
    }
  });

  it('puts the showcase parcels (ordinal 0) at the same place whatever the world size', () => {
    // Their registered areas differ between worlds (drawn from the PRNG); their centres do not.
    const small = parcelFootprints(generateWorld({ persons: 600 }).parcels, streets);
    const centre = (r: Ring) => {
      const b = bbox(r);
      return [(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2];
    };
    for (const code of [SHOWCASE.spouseParcel, SHOWCASE.headParcel]) {
      const [x, y] = centre(small.get(code)!);
      const [x2, y2] = centre(footprints.get(code)!);
      expect(x).toBeCloseTo(x2, 6);
      expect(y).toBeCloseTo(y2, 6);
    }
  });

  it('shrinks the grid for a street too crowded for it, still inside the street', () => {
    const street = streets.get('320102007')!; // one of the smallest wedges
    const roomy = layoutCells(street, 5);
    const crowded = layoutCells(street, 2_000);
    expect(crowded.cellMetres).toBeLessThan(roomy.cellMetres);
    expect(crowded.centres).toHaveLength(2_000);
    expect(new Set(crowded.centres.map((c) => c.join())).size).toBe(2_000);
    for (const c of crowded.centres) expect(insideConvex(street, c)).toBe(true);
  });
});
