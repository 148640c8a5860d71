/**
 * SYNTHETIC division boundaries. Surveyed boundaries are not available offline, so the
 * seed derives topologically sane ones, deterministically, from the approximate centres
 * in lib/synthetic/nanjing.ts:
 *
 * - 南京市 is a fixed convex outline around the city (its rough bounding box, corners cut);
 * - the districts are the Voronoi cells of their centres inside that outline, so they tile
 *   the city exactly (the city is the union of its districts, with no overlaps or gaps);
 * - each district is cut into angular wedges around its centre, one per street, in the
 *   direction of the street's centre. Wedges rather than Voronoi cells of the street
 *   centres: those centres ring their district at ~3 km, so in the small central districts
 *   several fall inside a neighbouring district and their cells would be empty.
 * - 江苏省 is a larger rectangle containing the city.
 *
 * Computed in a local metric projection (so "nearest" and angles mean what they do on the
 * ground) and returned in WGS 84 degrees, rounded to 7 decimals.
 */
import { CITY, DISTRICT_SEEDS, PROVINCE, streetsOf, DivisionSeed } from '../../../lib/synthetic';
import { clipHalfPlane, metresPerDegree, Pt, Ring, roundRing } from './planar';

/** Jiangsu's rough bounding box; only 南京市 lies inside it in the demo. */
const PROVINCE_OUTLINE: Ring = [
  [116.35, 30.75],
  [121.95, 30.75],
  [121.95, 35.15],
  [116.35, 35.15],
];

/** 南京市's rough bounding box (118.36–119.24 E, 31.23–32.62 N) with its corners cut. */
const CITY_OUTLINE: Ring = [
  [118.5, 31.22],
  [119.1, 31.22],
  [119.25, 31.4],
  [119.25, 32.45],
  [119.05, 32.62],
  [118.55, 32.62],
  [118.35, 32.4],
  [118.35, 31.4],
];

const ORIGIN = CITY.centre;
const SCALE = metresPerDegree(ORIGIN[1]);
const toMetres = ([lng, lat]: Pt): Pt => [(lng - ORIGIN[0]) * SCALE.lng, (lat - ORIGIN[1]) * SCALE.lat];
const toDegrees = ([x, y]: Pt): Pt => [ORIGIN[0] + x / SCALE.lng, ORIGIN[1] + y / SCALE.lat];

/** The Voronoi cell of `site` among `sites`, inside the convex `outline` (all in metres). */
function voronoiCell(site: Pt, sites: readonly Pt[], outline: Ring): Ring {
  let cell = outline;
  for (const other of sites) {
    if (other === site) continue;
    const m: Pt = [(site[0] + other[0]) / 2, (site[1] + other[1]) / 2];
    const n: Pt = [other[0] - site[0], other[1] - site[1]];
    // Keep the points no farther from `site` than from `other`.
    cell = clipHalfPlane(cell, (p) => (p[0] - m[0]) * n[0] + (p[1] - m[1]) * n[1]);
  }
  return cell;
}

const cross = (d: Pt, v: Pt) => d[0] * v[1] - d[1] * v[0];

/**
 * Cuts a convex cell into one wedge per street around `apex`: each street gets the angles
 * closer to its own direction than to its neighbours'. Every wedge spans less than 180° for
 * three or more streets, so each stays convex and non-empty as long as `apex` is inside.
 */
function wedges(cell: Ring, apex: Pt, streets: readonly DivisionSeed[]): Map<string, Ring> {
  const out = new Map<string, Ring>();
  if (streets.length === 1) {
    out.set(streets[0].code, cell);
    return out;
  }
  const sorted = streets
    .map((s) => {
      const c = toMetres(s.centre);
      return { code: s.code, angle: Math.atan2(c[1] - apex[1], c[0] - apex[0]) };
    })
    .sort((a, b) => a.angle - b.angle);
  const n = sorted.length;
  // bounds[i] separates street i from street i + 1 (cyclically).
  const bounds = sorted.map((s, i) => {
    const next = i + 1 < n ? sorted[i + 1].angle : sorted[0].angle + 2 * Math.PI;
    return (s.angle + next) / 2;
  });
  for (let i = 0; i < n; i++) {
    const from = bounds[(i - 1 + n) % n];
    const to = bounds[i];
    const span = (((to - from) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
    if (span > Math.PI + 1e-9) throw new Error(`street ${sorted[i].code} would get a reflex wedge (${span} rad)`);
    // The same angle value for both neighbours, so their shared edge is computed identically.
    const d1: Pt = [Math.cos(from), Math.sin(from)];
    const d2: Pt = [Math.cos(to), Math.sin(to)];
    let wedge = clipHalfPlane(cell, (p) => -cross(d1, [p[0] - apex[0], p[1] - apex[1]]));
    wedge = clipHalfPlane(wedge, (p) => cross(d2, [p[0] - apex[0], p[1] - apex[1]]));
    out.set(sorted[i].code, wedge);
  }
  return out;
}

let cached: Map<string, Ring> | undefined;

/**
 * Every division's synthetic boundary, by code: a convex, counter-clockwise ring in WGS 84
 * degrees. Deterministic: the same rings on every machine and engine.
 */
export function divisionBoundaries(): ReadonlyMap<string, Ring> {
  if (cached) return cached;
  const rings = new Map<string, Ring>();
  rings.set(PROVINCE.code, roundRing(PROVINCE_OUTLINE));
  rings.set(CITY.code, roundRing(CITY_OUTLINE));
  const cityOutline = CITY_OUTLINE.map(toMetres);
  const sites = DISTRICT_SEEDS.map((d) => toMetres(d.centre));
  DISTRICT_SEEDS.forEach((district, i) => {
    const cell = voronoiCell(sites[i], sites, cityOutline);
    rings.set(district.code, roundRing(cell.map(toDegrees)));
    for (const [code, wedge] of wedges(cell, sites[i], streetsOf(district.code))) {
      rings.set(code, roundRing(wedge.map(toDegrees)));
    }
  });
  cached = rings;
  return rings;
}
