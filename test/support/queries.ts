/** Operations several end-to-end suites send. */

/** The flagship's household part: members, their businesses and their real estate. */
export const HOUSEHOLD_SELECTION = `household {
      members {
        relationToHead
        person {
          idNumber
          name
          legalRepresentativeOf { uscc name status }
          shareholdings { company { uscc name } }
          realEstateRights {
            certificateNo
            parcel { code division { code name } }
            encumbrances { kind }
          }
        }
      }
    }`;

/** The flagship query (最低生活保障家庭经济状况核对), with `extra` person fields before the household. */
export const flagshipQuery = (operationName: string, extra = '') => `query ${operationName}($id: ID!) {
  person(idNumber: $id) {
    name${extra ? `\n    ${extra}` : ''}
    ${HOUSEHOLD_SELECTION}
  }
}`;
