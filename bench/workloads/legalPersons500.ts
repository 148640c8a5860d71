/**
 * A 500-row list served by market regulation: company data China publishes anyway
 * (unconditional), but each row carries its representative's 身份号码 — a key of a Person
 * that this department only references, so with policies on it leaves sealed (AES-GCM) and
 * the gateway shows its masked display form. Measures sealing on a list.
 */
import type { Workload } from './workload';
import { errorLines } from './workload';

export const LEGAL_PERSONS = 500;

const QUERY = `query BenchLegalPersons500($first: Int!) {
  legalPersons(first: $first) { edges { node { name status legalRepresentative { idNumber } } } }
}`;

export const legalPersons500: Workload = {
  name: 'legalPersons500',
  description: `legalPersons(first: ${LEGAL_PERSONS}) { edges { node { name status legalRepresentative { idNumber } } } }`,
  request(world) {
    if (world.companies.length < LEGAL_PERSONS) throw new Error(`the world has ${world.companies.length} companies; legalPersons500 needs ${LEGAL_PERSONS}`);
    return { query: QUERY, variables: { first: LEGAL_PERSONS } };
  },
  check(body, mode) {
    const problems = errorLines(body);
    const edges = body.data?.legalPersons?.edges as Array<{ node: Record<string, any> | null }> | undefined;
    if (!Array.isArray(edges)) return [...problems, 'no legalPersons edges'];
    if (edges.length !== LEGAL_PERSONS) problems.push(`${edges.length} legal persons, expected ${LEGAL_PERSONS}`);
    const ids = edges.map((e) => e.node?.legalRepresentative?.idNumber).filter((v): v is string => typeof v === 'string');
    if (ids.length !== edges.length) problems.push(`${edges.length - ids.length} rows without a representative's idNumber`);
    const masked = ids.filter((v) => /^\d{6}\*+[\dX]{4}$/.test(v)).length;
    if (mode === 'on' && masked !== ids.length) problems.push(`policies on: ${ids.length - masked} representative idNumbers not masked`);
    if (mode === 'off' && masked) problems.push(`policies off: ${masked} representative idNumbers masked`);
    return problems;
  },
};
