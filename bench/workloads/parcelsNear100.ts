/**
 * A map view: `parcelsNear` around 李建国's parcel (the README tour's point) with a radius
 * chosen from the seeded world so that about 100 parcels come back, nearest first, each with
 * its land use, area, street and its real-estate rights (holder's name masked by the demo
 * policy, encumbrances). One spatial statement (GiST index) and the rights of 100 parcels.
 * The world has one parcel per 40 persons: under 4,000 persons, fewer come back (those
 * within parcelsNear's 50 km; 3,000 persons: 75 of them).
 */
import { SHOWCASE, type World } from '../../lib/synthetic';
import { divisionBoundaries } from '../../subgraphs/geospatial/legacy-db/boundaries';
import { parcelFootprints } from '../../subgraphs/geospatial/legacy-db/footprints';
import { centroid, metresPerDegree } from '../../subgraphs/geospatial/legacy-db/planar';
import { MAX_RADIUS_METERS } from '../../subgraphs/geospatial/args';
import type { Workload } from './workload';
import { errorLines } from './workload';

export const NEAR_PARCELS = 100;
/** The README tour's point, on the head's parcel. */
const POINT = { lng: 118.7878, lat: 32.0543 };

const QUERY = `query BenchParcelsNear100($lng: Float!, $lat: Float!, $r: Float!) {
  parcelsNear(lng: $lng, lat: $lat, radiusMeters: $r) {
    code landUse area
    division { name }
    rights { certificateNo holderName registeredOn encumbrances { kind amount } }
  }
}`;

/**
 * The distance from POINT to the NEAR_PARCELS-th nearest parcel centre (the farthest, in a
 * world with fewer; at most parcelsNear's 50 km), from the same
 * outlines the seed writes (geospatial legacy-db), rounded up to the metre. ST_DWithin
 * measures to the outline, which is nearer than the centre: a few more parcels may come back.
 */
export function nearRadius(world: World): number {
  const outlines = parcelFootprints(world.parcels, divisionBoundaries());
  const m = metresPerDegree(POINT.lat);
  const distances = [...outlines.values()]
    .map((ring) => {
      const [x, y] = centroid(ring);
      return Math.hypot((x - POINT.lng) * m.lng, (y - POINT.lat) * m.lat);
    })
    .sort((a, b) => a - b);
  if (distances.length < NEAR_PARCELS / 2) throw new Error(`the world has ${distances.length} parcels; parcelsNear100 needs ${NEAR_PARCELS / 2}`);
  return Math.min(MAX_RADIUS_METERS, Math.ceil(distances[Math.min(NEAR_PARCELS, distances.length) - 1]));
}

export const parcelsNear100: Workload = {
  name: 'parcelsNear100',
  description: `parcelsNear(the tour's point, radius for ~${NEAR_PARCELS} parcels) { code landUse area division { name } rights { certificateNo holderName registeredOn encumbrances { kind amount } } }`,
  request(world) {
    return { query: QUERY, variables: { ...POINT, r: nearRadius(world) } };
  },
  check(body, mode) {
    const problems = errorLines(body);
    const parcels = body.data?.parcelsNear as Array<Record<string, any>> | undefined;
    if (!Array.isArray(parcels)) return [...problems, 'no parcelsNear list'];
    if (parcels.length < NEAR_PARCELS / 2 || parcels.length > NEAR_PARCELS * 1.5) problems.push(`${parcels.length} parcels, expected about ${NEAR_PARCELS}`);
    if (parcels[0]?.code !== SHOWCASE.headParcel) problems.push(`nearest parcel ${String(parcels[0]?.code)}, expected ${SHOWCASE.headParcel}`);
    if (parcels.some((p) => !p.division?.name)) problems.push('a parcel without its street');
    const rights = parcels.flatMap((p) => (p.rights ?? []) as Array<Record<string, any>>);
    if (rights.length < parcels.length / 2) problems.push(`${rights.length} rights on ${parcels.length} parcels`);
    const masked = rights.filter((r) => typeof r.holderName === 'string' && r.holderName.includes('*')).length;
    if (mode === 'on' && masked !== rights.filter((r) => r.holderName).length) problems.push(`policies on: ${rights.length - masked} holder names not masked`);
    if (mode === 'off' && masked) problems.push(`policies off: ${masked} holder names masked`);
    return problems;
  },
};
