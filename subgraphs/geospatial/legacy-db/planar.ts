/**
 * Small planar geometry for the synthetic boundaries and parcel outlines: convex polygons
 * only, which is all the seed needs (Voronoi cells, wedges and rectangles are convex), so
 * half-plane clipping is exact and needs no geometry library.
 */

/** [x, y]; [lng, lat] in degrees or metres in a local projection, depending on context. */
export type Pt = [number, number];
/** An open ring (first vertex not repeated), counter-clockwise for exteriors. */
export type Ring = Pt[];

/**
 * Keeps the part of a convex polygon where the linear function `f` is ≤ 0
 * (Sutherland–Hodgman against one half-plane).
 */
export function clipHalfPlane(poly: Ring, f: (p: Pt) => number): Ring {
  const out: Ring = [];
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i];
    const b = poly[(i + 1) % poly.length];
    const fa = f(a);
    const fb = f(b);
    if (fa <= 0) out.push(a);
    if ((fa < 0 && fb > 0) || (fa > 0 && fb < 0)) {
      const t = fa / (fa - fb);
      out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    }
  }
  return out;
}

/** Signed area (shoelace): positive for a counter-clockwise ring. */
export function signedArea(ring: Ring): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    s += x1 * y2 - x2 * y1;
  }
  return s / 2;
}

export function centroid(ring: Ring): Pt {
  let cx = 0;
  let cy = 0;
  let a = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    const c = x1 * y2 - x2 * y1;
    a += c;
    cx += (x1 + x2) * c;
    cy += (y1 + y2) * c;
  }
  return [cx / (3 * a), cy / (3 * a)];
}

/** Whether `p` lies inside or on a convex counter-clockwise ring. */
export function insideConvex(ring: Ring, p: Pt): boolean {
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    if ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) < 0) return false;
  }
  return true;
}

/**
 * Rounds to 7 decimals (~1 cm) and drops vertices that rounding made coincide, so the
 * stored rings have no zero-length edges.
 */
export function roundRing(ring: Ring, digits = 7): Ring {
  const k = 10 ** digits;
  const out: Ring = [];
  for (const [x, y] of ring) {
    const p: Pt = [Math.round(x * k) / k, Math.round(y * k) / k];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  return out;
}

/** A ring as an EWKT MultiPolygon in WGS 84, which PostGIS parses from a bound text value. */
export function multiPolygonEwkt(ring: Ring): string {
  if (ring.length < 3) throw new Error(`a polygon needs 3 vertices, got ${ring.length}`);
  const closed = [...ring, ring[0]];
  return `SRID=4326;MULTIPOLYGON(((${closed.map(([x, y]) => `${x} ${y}`).join(',')})))`;
}

/**
 * Metres per degree on the WGS 84 ellipsoid at latitude `latDeg` (the usual series), so
 * parcel outlines drawn in degrees have the registered area in square metres.
 */
export function metresPerDegree(latDeg: number): { lng: number; lat: number } {
  const φ = (latDeg * Math.PI) / 180;
  return {
    lat: 111132.92 - 559.82 * Math.cos(2 * φ) + 1.175 * Math.cos(4 * φ) - 0.0023 * Math.cos(6 * φ),
    lng: 111412.84 * Math.cos(φ) - 93.5 * Math.cos(3 * φ) + 0.118 * Math.cos(5 * φ),
  };
}
