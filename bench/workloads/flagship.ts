/**
 * The flagship query of the README tour: 低保 household check on the showcase head — the
 * household's members from population, the companies they represent or hold shares in from
 * market regulation, their real estate with encumbrances from the registry, their social
 * insurance from human resources. Small answer, several subgraph hops: it measures
 * per-request overhead (credentials, plans, rule set-up).
 */
import { SHOWCASE } from '../../lib/synthetic';
import type { Workload } from './workload';
import { errorLines } from './workload';

const QUERY = `query DibaoHousehold($id: ID!) {
  person(idNumber: $id) {
    name
    household {
      members {
        relationToHead
        person {
          name
          legalRepresentativeOf { name status }
          shareholdings { company { name } }
          realEstateRights {
            certificateNo
            parcel { code division { name } }
            encumbrances { kind }
          }
          socialInsurance { insuranceType status employer { name } monthlyContributionBase paidMonths lastPaidMonth }
        }
      }
    }
  }
}`;

export const flagship: Workload = {
  name: 'flagship',
  description: 'the README tour: person(showcase head) { household { members { person { companies, shareholdings, real estate + encumbrances, social insurance } } } }',
  request() {
    return { query: QUERY, variables: { id: SHOWCASE.head } };
  },
  check(body) {
    const problems = errorLines(body);
    const person = body.data?.person as Record<string, any> | null | undefined;
    if (!person) return [...problems, 'no person'];
    if (person.name !== '李建国') problems.push(`head is ${String(person.name)}, expected 李建国`);
    const members = (person.household?.members ?? []) as Array<Record<string, any>>;
    if (members.length !== 3) problems.push(`${members.length} household members, expected 3`);
    const head = members.find((m) => m.person?.name === '李建国')?.person;
    if (!head?.legalRepresentativeOf?.length) problems.push('the head represents no company');
    if (!head?.shareholdings?.length) problems.push('the head holds no shares');
    const kinds = members.flatMap((m) => (m.person?.realEstateRights ?? []).flatMap((r: any) => (r.encumbrances ?? []).map((e: any) => e.kind)));
    if (kinds.length < 2) problems.push(`encumbrances ${JSON.stringify(kinds)}, expected a seizure and a mortgage`);
    // Social insurance: the head insured through his company with a contribution base (the grant opens it), the spouse as a resident.
    const insurance = (name: string) => (members.find((m) => m.person?.name === name)?.person?.socialInsurance ?? []) as Array<Record<string, any>>;
    const pension = insurance('李建国').find((e) => e.insuranceType === '城镇职工基本养老保险');
    if (pension?.employer?.name !== '南京玄武示范科技有限公司' || pension?.monthlyContributionBase !== '6800.00') problems.push(`the head's pension enrolment is ${JSON.stringify(pension)}`);
    if (!insurance('王秀英').some((e) => e.insuranceType === '城乡居民基本养老保险')) problems.push('the spouse is not in 城乡居民基本养老保险');
    return problems;
  },
};
