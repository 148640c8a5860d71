/**
 * SYNTHETIC parcel outlines. Each parcel becomes a rectangle with its registered area
 * (aspect ratio varied by ordinal), placed on a grid that spirals out from its street's
 * centroid: ordinal 0 sits at the centre, the next ones on the following grid cells that lie
 * wholly inside the street. The grid cell size is fixed unless a street has more parcels
 * than fit, in which case the grid (and, where needed, the outlines) shrinks until all fit,
 * so outlines never overlap and never cross a street boundary. The registered area ZDMJ
 * is kept as registered even when the drawn outline had to shrink.
 */
import { centroid, insideConvex, metresPerDegree, Pt, Ring, roundRing } from './planar';

export interface FootprintInput {
  code: string;
  streetCode: string;
  /** Stable ordinal of the parcel inside its street (0, 1, 2 …). */
  ordinal: number;
  /** Registered area, m². */
  area: number;
}

/**
 * Grid cell size in metres. The largest synthetic parcel (~30,000 m²) is at most ~194 m on
 * its long side; with outlines capped at OUTLINE_SHARE of a cell, 240 m keeps every
 * outline at its registered area with a gap of at least ~35 m to the next.
 */
const CELL_METRES = 240;
/** Outline's longest side as a share of the cell: the rest is the gap between parcels. */
const OUTLINE_SHARE = 0.85;
/** How much the grid shrinks per attempt when a street is too crowded for it. */
const SHRINK = 0.85;
/** Below this a street is absurdly crowded; better fail the seed than draw dust. */
const MIN_CELL_METRES = 2;

/** The grid offsets at Chebyshev distance `r` from the centre, in angular order. */
function gridRing(r: number): Array<[number, number]> {
  if (r === 0) return [[0, 0]];
  const cells: Array<[number, number]> = [];
  for (let i = -r; i <= r; i++) {
    for (let j = -r; j <= r; j++) if (Math.max(Math.abs(i), Math.abs(j)) === r) cells.push([i, j]);
  }
  const angle = ([i, j]: [number, number]) => (Math.atan2(j, i) + 2 * Math.PI) % (2 * Math.PI);
  return cells.sort((a, b) => angle(a) - angle(b));
}

/** Centres (degrees) of the first `count` grid cells inside `street`, and the cell size used. */
export function layoutCells(street: Ring, count: number): { centres: Pt[]; cellMetres: number } {
  const anchor = centroid(street);
  const mpd = metresPerDegree(anchor[1]);
  const at = (x: number, y: number): Pt => [anchor[0] + x / mpd.lng, anchor[1] + y / mpd.lat];
  const reach = Math.max(...street.map(([lng, lat]) => Math.max(Math.abs((lng - anchor[0]) * mpd.lng), Math.abs((lat - anchor[1]) * mpd.lat))));
  for (let cell = CELL_METRES; cell >= MIN_CELL_METRES; cell *= SHRINK) {
    const centres: Pt[] = [];
    const rings = Math.ceil(reach / cell) + 1;
    for (let r = 0; r <= rings && centres.length < count; r++) {
      for (const [i, j] of gridRing(r)) {
        const h = cell / 2;
        const corners: Pt[] = [at(i * cell - h, j * cell - h), at(i * cell + h, j * cell - h), at(i * cell + h, j * cell + h), at(i * cell - h, j * cell + h)];
        if (corners.every((c) => insideConvex(street, c))) {
          centres.push(at(i * cell, j * cell));
          if (centres.length === count) break;
        }
      }
    }
    if (centres.length >= count) return { centres, cellMetres: cell };
  }
  throw new Error(`cannot place ${count} parcels inside the street`);
}

/** A rectangle of `area` m² centred on `centre`, its long side at most `maxSide` metres. */
export function rectangle(centre: Pt, area: number, ordinal: number, maxSide: number): Ring {
  // Golden-ratio stepping spreads aspect ratios evenly over 0.80–1.25 whatever the count.
  const aspect = 0.8 + 0.45 * ((ordinal * 0.6180339887498949) % 1);
  let w = Math.sqrt(area * aspect);
  let h = Math.sqrt(area / aspect);
  const k = Math.min(1, maxSide / Math.max(w, h));
  w *= k;
  h *= k;
  const mpd = metresPerDegree(centre[1]);
  const dx = w / 2 / mpd.lng;
  const dy = h / 2 / mpd.lat;
  const [x, y] = centre;
  return [
    [x - dx, y - dy],
    [x + dx, y - dy],
    [x + dx, y + dy],
    [x - dx, y + dy],
  ];
}

/** Every parcel's outline (convex, counter-clockwise, WGS 84 degrees), by parcel code. */
export function parcelFootprints(parcels: readonly FootprintInput[], streets: ReadonlyMap<string, Ring>): Map<string, Ring> {
  const byStreet = new Map<string, FootprintInput[]>();
  for (const p of parcels) {
    const list = byStreet.get(p.streetCode);
    if (list) list.push(p);
    else byStreet.set(p.streetCode, [p]);
  }
  const out = new Map<string, Ring>();
  for (const [streetCode, list] of byStreet) {
    const street = streets.get(streetCode);
    if (!street) throw new Error(`parcel ${list[0].code} lies in unknown street ${streetCode}`);
    const count = Math.max(...list.map((p) => p.ordinal)) + 1;
    const { centres, cellMetres } = layoutCells(street, count);
    for (const p of list) {
      out.set(p.code, roundRing(rectangle(centres[p.ordinal], p.area, p.ordinal, cellMetres * OUTLINE_SHARE)));
    }
  }
  return out;
}
