/**
 * One person by 身份号码, as a caseworker's single look-up: a handful of Person scalars, two of
 * them masked by the demo policy (registeredAddress to the district, phone to 138****0001),
 * one conditional field opened by the grant (maritalStatus) and one join to geospatial
 * (residenceDivision). The smallest request: it measures per-request overhead alone.
 */
import { SHOWCASE } from '../../lib/synthetic';
import type { Workload } from './workload';
import { errorLines } from './workload';

const QUERY = `query BenchPerson1($id: ID!) {
  person(idNumber: $id) {
    idNumber name gender birthDate ethnicity registeredAddress phone maritalStatus deceased updatedAt
    residenceDivision { name }
  }
}`;

export const person1: Workload = {
  name: 'person1',
  description: 'person(idNumber: showcase head) — 10 Person scalars (registeredAddress and phone masked) + residenceDivision { name }',
  request() {
    return { query: QUERY, variables: { id: SHOWCASE.head } };
  },
  check(body, mode) {
    const problems = errorLines(body);
    const p = body.data?.person as Record<string, any> | null | undefined;
    if (!p) return [...problems, 'no person'];
    if (p.name !== '李建国') problems.push(`person is ${String(p.name)}, expected 李建国`);
    if (p.residenceDivision?.name !== '玄武区') problems.push(`residenceDivision ${JSON.stringify(p.residenceDivision)}, expected 玄武区`);
    if (p.maritalStatus !== '已婚') problems.push(`maritalStatus ${JSON.stringify(p.maritalStatus)}, expected 已婚 (the grant opens it)`);
    const masked = p.registeredAddress === '江苏省南京市玄武区****' && /^\d{3}\*+\d{4}$/.test(String(p.phone));
    if (mode === 'on' && !masked) problems.push(`policies on: registeredAddress ${JSON.stringify(p.registeredAddress)} / phone ${JSON.stringify(p.phone)} not masked`);
    if (mode === 'off' && (String(p.registeredAddress).endsWith('****') || String(p.phone).includes('*'))) problems.push('policies off: a field is masked');
    return problems;
  },
};
