/**
 * A four-eyes policy change in the console, in Chromium, against the whole federation on a
 * copy of policies/: public-security's officer proposes in the form (not YAML) to open 婚姻状况
 * to every consumer, sees who gains it and the file's diff, and submits; the console offers
 * them no approval, and the server refuses one forced from the browser; a consumer is still
 * refused the field. A second officer approves in the console: the change is in force, its
 * revisions on record, the file on disk holds it, and the consumer's next answer carries it.
 *
 * Skipped, with a note, only where /usr/bin/chromium is missing; .ci/run installs it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestStack, type TestStack } from '../support/stack';
import { codes } from '../support/http';
import { copyPolicies, type PolicyDirCopy } from '../support/policyDir';
import { PEOPLE } from '../support/security';
import { testWorld } from '../support/databases';

const CHROMIUM = '/usr/bin/chromium';
const describeInBrowser = fs.existsSync(CHROMIUM) ? describe : describe.skip;
const SCREENSHOTS = process.env.GOVGRAPH_CONSOLE_SCREENSHOTS;
async function shot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

const TAX = PEOPLE.taxOfficer;
const RESIDENT = testWorld().persons.find((p) => p.divisionCode === '320115' && !p.deceased)!;
const MARITAL = `query Marital($id: ID!) { person(idNumber: $id) { idNumber maritalStatus } }`;

let stack: TestStack;
let browser: Browser;
let policies: PolicyDirCopy;

describeInBrowser('a four-eyes policy change in the console', () => {
  beforeAll(async () => {
    policies = copyPolicies();
    [stack, browser] = await Promise.all([
      startTestStack(policies.dir),
      chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    policies?.remove();
  });

  async function signInAs(user: string) {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) pageErrors.push(m.text()); });
    page.setDefaultTimeout(15_000);
    await page.goto(`${stack.gatewayUrl}/console/`);
    await page.locator(`button[data-user="${user}"]`).click();
    await page.getByTestId('me-user').filter({ hasText: user }).waitFor();
    return { page, context, pageErrors };
  }
  const taxReadsMarital = () => stack.queryAs(TAX, { purpose: 'tax-audit' }, MARITAL, { id: RESIDENT.idNumber });

  it('proposed by one officer, refused to them, approved by a second, in force for a consumer', async () => {
    const file = path.join(policies.dir, 'public-security.yaml');
    const before = fs.readFileSync(file, 'utf8');

    // The proposer: the form, the preview of its effect, submission.
    const proposer = await signInAs('ga-aq-01');
    let page = proposer.page;
    await page.locator('#nav a', { hasText: '策略变更' }).click();
    await page.getByRole('heading', { name: '提出变更' }).waitFor();
    await page.locator('select[name=change-field] option[value="Person.maritalStatus"]').waitFor({ state: 'attached' });
    await page.locator('select[name=change-field]').selectOption('Person.maritalStatus');
    expect(await page.locator('select[name=change-sharing]').inputValue()).toBe('CONDITIONAL');
    await page.locator('select[name=change-sharing]').selectOption('UNCONDITIONAL');
    await page.getByRole('button', { name: '加入本次变更' }).click();
    await page.getByTestId('change-pending').locator('code', { hasText: 'Person.maritalStatus' }).waitFor();
    await page.locator('textarea[name=change-reason]').fill('婚姻登记信息按新目录列为无条件共享');
    expect(await page.getByRole('button', { name: '提交复核' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '预览影响' }).click();
    const effect = page.getByTestId('change-effect');
    await effect.getByText('所有无授权的使用部门').waitFor();
    expect(await effect.locator('tbody tr').count()).toBe(1);
    expect(await effect.textContent()).toContain('可见范围扩大');
    const diff = await page.getByTestId('change-diff').textContent();
    expect(diff).toContain('-       maritalStatus: { sharing: conditional,');
    expect(diff).toContain('+       maritalStatus: { sharing: unconditional,');
    await shot(page, 'policy-change');
    await page.getByRole('button', { name: '提交复核' }).click();
    await page.getByTestId('change-status').filter({ hasText: '待复核' }).waitFor();
    const id = decodeURIComponent(page.url().split('/').pop()!);
    expect(id).toMatch(/^PC-\d{4}-\d{6}$/);
    // The proposer is offered no approval…
    expect(await page.getByRole('button', { name: '批准并生效' }).count()).toBe(0);
    await page.getByText('您不能自行批准').waitFor();
    // …and one forced from the browser is refused by the server.
    const forced = (await page.evaluate(async (changeId) => {
      const token = (globalThis as any).sessionStorage.getItem('govgraph-console:token');
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'mutation($id: ID!) { approvePolicyChange(id: $id) { id status } }', variables: { id: changeId } }),
      });
      return res.json();
    }, id)) as any;
    expect(codes({ status: 200, headers: new Headers(), ...forced })).toEqual(['FORBIDDEN']);
    expect(forced.errors[0].extensions.reason).toBe('ROLE_REQUIRED');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect((await taxReadsMarital()).errors?.[0]?.extensions?.reason).toBe('GRANT_REQUIRED');
    expect(proposer.pageErrors).toEqual([]);
    await proposer.context.close();

    // The second officer approves it.
    const approver = await signInAs('ga-aq-02');
    page = approver.page;
    await page.locator('#nav a', { hasText: '策略变更' }).click();
    await page.getByTestId('change-list').getByRole('link', { name: id }).click();
    await page.getByTestId('change-status').filter({ hasText: '待复核' }).waitFor();
    await page.locator('textarea[name=approve-note]').fill('复核同意');
    await page.getByRole('button', { name: '批准并生效' }).click();
    await page.getByTestId('change-status').filter({ hasText: '已生效' }).waitFor();
    const revisions = await page.getByTestId('change-revisions').textContent();
    expect(revisions).toMatch(/^[0-9a-f]{16} → [0-9a-f]{16}$/);
    expect(fs.readFileSync(file, 'utf8')).toContain('maritalStatus: { sharing: unconditional,');

    // In force for the consumer within seconds.
    const until = Date.now() + 3000;
    let answer = await taxReadsMarital();
    while (answer.data?.person?.maritalStatus == null && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      answer = await taxReadsMarital();
    }
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.person.maritalStatus).toEqual(expect.any(String));

    // The history says who proposed, who approved, and the revisions.
    await page.getByRole('link', { name: '← 返回变更记录' }).click();
    await page.locator('select[name=change-status]').selectOption('');
    const row = page.getByTestId('change-list').locator('tr', { hasText: id });
    await row.filter({ hasText: '已生效' }).waitFor();
    expect(await row.textContent()).toContain('ga-aq-01');
    expect(await row.textContent()).toContain('ga-aq-02');
    expect(await row.textContent()).toContain(revisions!);
    await shot(page, 'policy-changes');
    expect(approver.pageErrors).toEqual([]);
    await approver.context.close();
  });
});
