/**
 * The requests of `npm run load`: the README tour's queries, as its users send them. Each
 * says whether its answer touches personal data (then every answered request must leave its
 * access record).
 */
import { SHOWCASE } from '../../lib/synthetic';

export interface MixRequest {
  name: string;
  body: string;
  personal: boolean;
}

const q = (name: string, query: string, personal: boolean, variables?: Record<string, unknown>): MixRequest => ({
  name,
  body: JSON.stringify({ query, variables, operationName: name }),
  personal,
});

export const MIX: MixRequest[] = [
  q('Person', `query Person { person(idNumber: "${SHOWCASE.head}") { name phone registeredAddress caseFlags } }`, true),
  q(
    'DibaoHousehold',
    `query DibaoHousehold($id: ID!) { person(idNumber: $id) { name household { members { relationToHead person { name
      legalRepresentativeOf { name status } shareholdings { company { name } }
      realEstateRights { certificateNo parcel { code division { name } } encumbrances { kind } }
      socialInsurance { insuranceType status employer { name } monthlyContributionBase paidMonths lastPaidMonth } } } } } }`,
    true,
    { id: SHOWCASE.head },
  ),
  q(
    'Companies',
    `query Companies { legalPersons(divisionCode: "320102", status: "存续", first: 5) { totalCount
      edges { node { name legalRepresentative { name } shareholders { holder { __typename } } } } pageInfo { endCursor hasNextPage } } }`,
    true,
  ),
  q('Where', 'query Where { divisionAt(lng: 118.7878, lat: 32.0543) { name parent { name } } }', false),
  q('Near', 'query Near { parcelsNear(lng: 118.7878, lat: 32.0543, radiusMeters: 1000) { code landUse area rights { certificateNo } } }', true),
  q('Catalog', 'query Catalog { catalog(provider: "public-security", sharing: CONDITIONAL) { path conditions } }', false),
];

/** The purpose (and grant) each consuming department states. */
export const PURPOSE_OF: Record<string, { purpose: string; grantId?: string }> = {
  'civil-affairs': { purpose: 'dibao-verification', grantId: 'G-DEMO-0001' },
  tax: { purpose: 'tax-audit' },
  'housing-fund': { purpose: 'housing-fund-loan-check' },
  'human-resources': { purpose: 'social-insurance-audit' },
};
