/**
 * The one list of department subgraphs. Composition, the gateway, codegen, `npm start` and
 * the tests all read it; adding a department means adding it here.
 */
import type { SubgraphDefinition } from '../lib/subgraph/definition';
import { population } from './population/server';
import { legalPerson } from './legal-person/server';
import { geospatial } from './geospatial/server';
import { sharing } from './sharing/server';
import { socialSecurity } from './social-security/server';

export const subgraphs: SubgraphDefinition[] = [population, legalPerson, geospatial, sharing, socialSecurity] as SubgraphDefinition[];

export { population, legalPerson, geospatial, sharing, socialSecurity };
