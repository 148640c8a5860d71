/**
 * Policy changes take effect without a restart within 2 s; a broken file is rejected and the
 * last good policy stays in force. Also: masking a federation key (身份号码) keeps every join
 * working — the masked text is never the key another subgraph is asked to resolve.
 */
import { startTestStack, TestStack } from '../support/stack';
import { copyPolicies, PolicyDirCopy } from '../support/policyDir';
import fs from 'node:fs';
import path from 'node:path';
import { PEOPLE, DIBAO, REPO_POLICIES } from '../support/security';
import { SHOWCASE } from '../../lib/synthetic';

let stack: TestStack;
let policies: PolicyDirCopy;
beforeAll(async () => {
  policies = copyPolicies();
  stack = await startTestStack(policies.dir);
  stack.security.policy.watch();
});
afterAll(async () => {
  await stack?.stop();
  policies?.remove();
});

/** Polls `probe` until it returns true; fails after `ms`. Returns the time it took. */
async function within(ms: number, probe: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`not in effect after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const PHONE = `{ person(idNumber: "${SHOWCASE.head}") { phone } }`;

/** Puts the repository's public-security.yaml back and waits until it is in force. */
async function restorePublicSecurity(): Promise<void> {
  policies.write('public-security.yaml', fs.readFileSync(path.join(REPO_POLICIES, 'public-security.yaml'), 'utf8'));
  await within(2000, async () => stack.security.policy.problem === null);
}

it('applies an edited provider file within 2 s, then refuses a broken one and keeps the last good policy', async () => {
  const before = stack.security.policy.current.revision;
  expect((await stack.query(PHONE)).data!.person.phone).toBe('138****0001');

  // The security officer declassifies the phone number.
  policies.editProvider('public-security.yaml', (doc) => {
    doc.types.Person.fields.phone = { ...doc.types.Person.fields.phone, sharing: 'not-shared', legalBasis: '测试：临时停止共享' };
  });
  await within(2000, async () => (await stack.query(PHONE)).errors?.[0]?.extensions?.reason === 'NOT_SHARED');
  const revised = stack.security.policy.current.revision;
  expect(revised).not.toBe(before);
  expect((await stack.query(PHONE)).errors![0].extensions!.policyRevision).toBe(revised);

  // A broken edit (a not-shared item without its legal basis, then invalid YAML): rejected.
  policies.editProvider('public-security.yaml', (doc) => {
    delete doc.types.Person.fields.phone.legalBasis;
  });
  await within(2000, async () => stack.security.policy.problem !== null);
  expect(stack.security.policy.problem).toMatch(/legalBasis/);
  policies.write('public-security.yaml', 'provider: public-security\ntypes: [oops\n');
  await within(2000, async () => /public-security\.yaml/.test(stack.security.policy.problem ?? '') && !/legalBasis/.test(stack.security.policy.problem ?? ''));
  expect(stack.security.policy.current.revision).toBe(revised);
  const still = await stack.query(PHONE);
  expect(still.errors![0].extensions!.reason).toBe('NOT_SHARED');
});

it('applies a new grant file within 2 s', async () => {
  await restorePublicSecurity();
  const query = `{ person(idNumber: "${SHOWCASE.head}") { maritalStatus } }`;
  const asTax = () => stack.queryAs({ ...PEOPLE.taxOfficer, division: '320102' }, { purpose: 'tax-audit', grantId: 'G-HOT-0001' }, query);
  expect((await asTax()).errors![0].extensions!.reason).toBe('GRANT_REQUIRED');
  policies.writeGrants('hot', [{
    id: 'G-HOT-0001', consumer: 'tax', purpose: 'tax-audit', fields: ['Person.maritalStatus'], jurisdiction: '320100',
    validFrom: '2026-01-01', validUntil: '2027-06-30', approvedBy: 'test officer',
  }]);
  const took = await within(2000, async () => (await asTax()).data?.person?.maritalStatus === '已婚');
  expect(took).toBeLessThan(2000);
});

it('masks a key (身份号码) and every federation join still works', async () => {
  await restorePublicSecurity();
  policies.editProvider('public-security.yaml', (doc) => {
    doc.types.Person.fields.idNumber.mask = 'idNumber';
  });
  const query = `{ person(idNumber: "${SHOWCASE.head}") {
    idNumber name
    legalRepresentativeOf { uscc legalRepresentative { idNumber name } }
    realEstateRights { certificateNo holder { ... on Person { idNumber name } } }
    household { members { person { idNumber name shareholdings { company { name } } } } }
  } }`;
  await within(2000, async () => (await stack.query(query)).data?.person?.idNumber === '320102********1238');
  const res = await stack.query(query, undefined, await stack.security.headers(PEOPLE.caseworker, DIBAO));
  expect(res.errors).toBeUndefined();
  const p = res.data!.person;
  expect(p.name).toBe('李建国');
  expect(p.legalRepresentativeOf[0].legalRepresentative).toEqual({ idNumber: '320102********1238', name: '李建国' });
  expect(p.realEstateRights[0].holder).toEqual({ idNumber: '320102********1238', name: '李建国' });
  const members = p.household.members.map((m: any) => m.person);
  expect(members.map((m: any) => m.name)).toEqual(['李建国', '王秀英', '李明轩']);
  expect(members.map((m: any) => m.idNumber)).toEqual(['320102********1238', '320102********2469', '320102********351X']);
  expect(members[0].shareholdings.length).toBeGreaterThan(0);
  // Nothing sealed or unmasked leaks in any form.
  const text = JSON.stringify(res);
  expect(text).not.toContain('gg:sealed:');
  expect(text).not.toContain(SHOWCASE.head);
});
