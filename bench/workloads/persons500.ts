/**
 * The list query the performance target is about: 500 persons by 身份号码, ten scalar fields
 * each (two of them masked by the demo policy), plus one join to geospatial
 * (residenceDivision) and one conditional field opened by the demo grant (household).
 */
import type { Workload } from './workload';
import { errorLines } from './workload';

export const PERSONS = 500;

const QUERY = `query BenchPersons500($ids: [ID!]!) {
  persons(idNumbers: $ids) {
    idNumber name gender birthDate ethnicity registeredAddress phone maritalStatus deceased updatedAt
    residenceDivision { name }
    household { number }
  }
}`;

export const persons500: Workload = {
  name: 'persons500',
  description: `persons(idNumbers: [${PERSONS} ids]) — 10 Person scalars + residenceDivision { name } + household { number }`,
  request(world) {
    if (world.persons.length < PERSONS) throw new Error(`the world has ${world.persons.length} persons; persons500 needs ${PERSONS}`);
    // Spread over the whole world (every district, many households), not its first rows.
    const step = Math.floor(world.persons.length / PERSONS);
    const ids = Array.from({ length: PERSONS }, (_, i) => world.persons[i * step].idNumber);
    return { query: QUERY, variables: { ids } };
  },
  check(body, mode) {
    const problems = errorLines(body);
    const persons = body.data?.persons as Array<Record<string, any> | null> | undefined;
    if (!Array.isArray(persons)) return [...problems, 'no persons list'];
    if (persons.length !== PERSONS) problems.push(`${persons.length} persons, expected ${PERSONS}`);
    const missing = persons.filter((p) => !p || !p.name || !p.residenceDivision?.name || !p.household?.number).length;
    if (missing) problems.push(`${missing} persons lack name, residenceDivision or household`);
    const rows = persons.filter((p): p is Record<string, any> => !!p);
    const maskedAddresses = rows.filter((p) => typeof p.registeredAddress === 'string' && p.registeredAddress.endsWith('****')).length;
    const maskedPhones = rows.filter((p) => typeof p.phone === 'string' && p.phone.includes('*')).length;
    if (mode === 'on') {
      if (maskedAddresses !== rows.length) problems.push(`policies on: ${rows.length - maskedAddresses} registeredAddress values not masked`);
      if (maskedPhones !== rows.filter((p) => p.phone).length) problems.push('policies on: some phone numbers not masked');
    } else {
      if (maskedAddresses) problems.push(`policies off: ${maskedAddresses} registeredAddress values masked — is the policy layer really off?`);
      if (maskedPhones) problems.push(`policies off: ${maskedPhones} phone numbers masked`);
    }
    return problems;
  },
};
