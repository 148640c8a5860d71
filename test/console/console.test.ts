/**
 * The officers' console (gateway/console/) in a real browser — Debian's Chromium driven by
 * playwright-core — against the whole federation on real databases: sign in as each role and
 * see only what the role allows; a tax office's application to two providers approved in the
 * console by each provider's officer (one narrowing it), the grant appearing and honoured by
 * the consumer's next query, then revoked in the console and refused within seconds; the
 * access log searched for the showcase subject the test just read, a record's detail, verify;
 * a forbidden action forced from the browser refused by the server; and no request to any
 * origin but the gateway's.
 *
 * Skipped, with a note, only where /usr/bin/chromium is missing; .ci/run installs it.
 */
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestStack, type TestStack } from '../support/stack';
import { codes } from '../support/http';
import { PEOPLE, DIBAO } from '../support/security';
import { testWorld } from '../support/databases';
import { SHOWCASE } from '../../lib/synthetic';
import type { Requester } from '../../lib/identity';
import { explain } from '../../lib/policy/explain';
import { readCommittedSupergraph } from '../../lib/supergraph';
import { subgraphs } from '../../subgraphs';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) console.warn(`${CHROMIUM} is missing: the console's browser tests are skipped (apt-get install chromium fonts-wqy-zenhei; CI installs both).`);
const describeInBrowser = haveChromium ? describe : describe.skip;
/** Where to save screenshots of the main pages (the README's: GOVGRAPH_CONSOLE_SCREENSHOTS=docs/console). @default none */
const SCREENSHOTS = process.env.GOVGRAPH_CONSOLE_SCREENSHOTS;
async function shot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
}

const TAX = PEOPLE.taxOfficer;
/** A 江宁区 resident with a phone number on record. */
const RESIDENT = testWorld().persons.find((p) => p.divisionCode === '320115' && p.phone && !p.deceased)!;
const SUBMIT = `mutation Submit($input: ApplicationInput!) { submitApplication(input: $input) { id status } }`;
const PHONE = `query Phone($id: ID!) { person(idNumber: $id) { idNumber phone } }`;

let stack: TestStack;
let browser: Browser;
let origin: string;
/** Every URL any page of the suite asked for. */
const requested: string[] = [];

describeInBrowser('the officers console in Chromium', () => {
  beforeAll(async () => {
    [stack, browser] = await Promise.all([
      startTestStack(),
      chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      }),
    ]);
    origin = new URL(stack.gatewayUrl).origin;
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** A fresh browser context (its own sessionStorage) on the console, recording requests and page errors. */
  async function open(): Promise<{ page: Page; context: BrowserContext; pageErrors: string[] }> {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    // Console errors too (a CSP violation is one), but not a refused request's status line: the console shows those itself.
    page.on('console', (m) => { if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) pageErrors.push(m.text()); });
    page.setDefaultTimeout(15_000);
    await page.goto(`${stack.gatewayUrl}/console/`);
    return { page, context, pageErrors };
  }

  /** Signs in with the demo identity of `user` (the sign-in page's demo list). */
  async function signInAs(user: string) {
    const session = await open();
    await session.page.locator(`button[data-user="${user}"]`).click();
    await session.page.getByTestId('me-user').filter({ hasText: user }).waitFor();
    return session;
  }

  const navLinks = (page: Page) => page.locator('#nav a').allTextContents();

  it('signs in with a pasted token, shows who you are, and refuses a bad token in Chinese', async () => {
    const { page, context, pageErrors } = await open();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.locator('button[data-user]').first().waitFor();
    await shot(page, 'signin');
    await page.getByLabel(/访问令牌/).fill('not-a-token');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '重新登录' }).waitFor();

    const officer: Requester = { user: 'ga-aq-77', dept: 'public-security', division: '320100', roles: ['security-officer'] };
    await page.getByLabel(/访问令牌/).fill(await stack.security.token(officer));
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByTestId('me-user').filter({ hasText: 'ga-aq-77' }).waitFor();
    expect(await page.getByTestId('me-dept').textContent()).toContain('公安局');
    expect(await page.getByTestId('me-roles').textContent()).toContain('安全管理员');
    expect(await page.getByTestId('me-division').textContent()).toMatch(/^320100 .*南京市/);
    expect(await navLinks(page)).toEqual(['我的身份', '申请审批', '授权', '策略', '策略变更', '访问日志', '目录', '数据纠错', '统计']);

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录', exact: true }).waitFor();
    expect(await page.evaluate(() => (globalThis as any).sessionStorage.length as number)).toBe(0);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('offers each role only what it allows', async () => {
    const caseworker = await signInAs('mz-xw-0007');
    expect(await navLinks(caseworker.page)).toEqual(['我的身份', '申请审批', '授权', '目录', '数据纠错']);
    // A link to a page the role may not see lands elsewhere, saying so.
    await caseworker.page.goto(`${stack.gatewayUrl}/console/#/access-log`);
    await caseworker.page.getByRole('status').filter({ hasText: '无权查看' }).waitFor();
    expect(caseworker.page.url()).not.toContain('access-log');
    await caseworker.context.close();

    const platform = await signInAs('dsj-aq-01');
    expect(await platform.page.getByTestId('me-dept').textContent()).toContain('市大数据中心');
    expect(await navLinks(platform.page)).toContain('访问日志');
    await platform.context.close();
  });

  it('takes an application through two providers in the console; the grant is honoured, then revoked', async () => {
    const submitted = await stack.queryAs(TAX, {}, SUBMIT, {
      input: { purpose: 'tax-audit', justification: '个人所得税汇算清缴稽查（控制台测试）', fields: ['Person.phone', 'Person.shareholdings'], unmasked: ['Person.phone'] },
    });
    expect(submitted.errors).toBeUndefined();
    const id: string = submitted.data!.submitApplication.id;

    // public-security's officer finds it in the queue, due in working days, and approves — masked, not plain.
    const ps = await signInAs('ga-aq-01');
    await ps.page.getByRole('link', { name: '申请审批' }).click();
    const row = ps.page.locator('tr', { has: ps.page.getByRole('link', { name: id }) });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/剩 \d+ 个工作日/);
    expect(await row.textContent()).toContain('待我审');
    await shot(ps.page, 'applications');
    await row.getByRole('link', { name: id }).click();
    await ps.page.getByRole('heading', { name: `申请 ${id}` }).waitFor();
    expect(await ps.page.locator('main').textContent()).toContain('个人所得税汇算清缴稽查（控制台测试）');
    const psPart = ps.page.locator('[data-provider="public-security"]');
    await shot(ps.page, 'application');
    await psPart.getByRole('checkbox', { name: 'Person.phone' }).last().uncheck(); // the unmask box
    await psPart.getByRole('button', { name: '同意' }).click();
    await ps.page.getByRole('status').filter({ hasText: '已同意' }).first().waitFor();
    expect(await ps.page.locator('[data-provider="public-security"] h3').textContent()).toContain('已同意');
    // market-regulation's part is not public-security's to decide: no form for it.
    expect(await ps.page.locator('[data-provider="market-regulation"] form').count()).toBe(0);
    expect(await ps.page.locator('main').textContent()).toContain('ga-aq-01（公安局）');

    // market-regulation's officer approves too, shortening the validity; the grant appears.
    const mr = await signInAs('sj-aq-01');
    await mr.page.goto(`${stack.gatewayUrl}/console/#/applications/${id}`);
    const mrPart = mr.page.locator('[data-provider="market-regulation"]');
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await mrPart.getByLabel(/有效期至/).fill(until);
    await mrPart.getByRole('button', { name: '同意' }).click();
    const grantLink = mr.page.getByTestId('application-grant');
    await grantLink.waitFor();
    expect(await mr.page.getByTestId('application-status').textContent()).toBe('已批准');
    const grantId = (await grantLink.textContent())!;
    expect(grantId).toMatch(/^G-/);
    await mr.context.close();

    // The tax office's next query under the grant gets the phone — masked, as narrowed.
    const read = () => stack.queryAs(TAX, { purpose: 'tax-audit', grantId }, PHONE, { id: RESIDENT.idNumber });
    const granted = await read();
    expect(granted.errors).toBeUndefined();
    expect(granted.data!.person.phone).toMatch(/\*{4}/);

    // public-security's officer revokes it from the grant's page; refused within seconds.
    await ps.page.goto(`${stack.gatewayUrl}/console/#/grants/${grantId}`);
    await ps.page.getByRole('heading', { name: `授权 ${grantId}` }).waitFor();
    expect(await ps.page.getByTestId('grant-state').textContent()).toBe('有效');
    expect(await ps.page.locator('main').textContent()).toContain(until);
    await shot(ps.page, 'grant');
    await ps.page.getByRole('button', { name: '撤销授权' }).click();
    await ps.page.getByRole('alert').filter({ hasText: '撤销须填写理由' }).waitFor(); // nothing sent without a reason
    await ps.page.getByLabel(/撤销理由/).fill('核查完毕（控制台测试）');
    await ps.page.getByRole('button', { name: '撤销授权' }).click();
    await ps.page.getByTestId('grant-revoke-reason').filter({ hasText: '核查完毕（控制台测试）' }).waitFor();
    expect(await ps.page.getByTestId('grant-state').textContent()).toBe('已撤销');
    const started = Date.now();
    for (;;) {
      const res = await read();
      if (res.errors?.some((e) => e.extensions?.reason === 'GRANT_EXPIRED')) break;
      if (Date.now() - started > 5000) throw new Error(`grant ${grantId} still honoured 5 s after revocation`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(ps.pageErrors).toEqual([]);
    await ps.context.close();
  });

  it('marks an overdue application in the queue, and rejects it with a reason (refusing one without)', async () => {
    const submitted = await stack.queryAs(TAX, {}, SUBMIT, { input: { purpose: 'tax-audit', justification: '驳回测试', fields: ['Person.phone'] } });
    const id: string = submitted.data!.submitApplication.id;
    // Its answer was due on a working day long past (as if submitted weeks ago).
    await stack.databases.get('sharing')!.db.knex('grant_application').where({ id }).update({ due_on: '2026-01-06' });
    const ps = await signInAs('ga-aq-01');
    await ps.page.getByRole('link', { name: '申请审批' }).click();
    await ps.page.getByLabel('只看逾期').check();
    const row = ps.page.locator('tr', { has: ps.page.getByRole('link', { name: id }) });
    await row.locator('[data-overdue="true"]').filter({ hasText: /已逾期 \d+ 个工作日/ }).waitFor();
    // Only overdue ones are listed now.
    expect(await ps.page.locator('tbody tr').count()).toBe(await ps.page.locator('tbody tr [data-overdue="true"]').count());
    await row.getByRole('link', { name: id }).click();
    await ps.page.getByRole('button', { name: '驳回' }).click();
    await ps.page.getByRole('alert').filter({ hasText: '驳回须填写理由' }).waitFor();
    await ps.page.getByLabel(/驳回理由/).fill('申请理由不足');
    await ps.page.getByRole('button', { name: '驳回' }).click();
    await ps.page.getByTestId('application-status').filter({ hasText: '已驳回' }).waitFor();
    expect(await ps.page.locator('main').textContent()).toContain('申请理由不足');
    await ps.context.close();
  });

  it('finds the records of a read it just caused in the access log, shows one, and verifies the log', async () => {
    // The 玄武区 caseworker reads the showcase household head under the demo grant.
    const read = await stack.queryAs(PEOPLE.caseworker, DIBAO, `query ConsoleTestRead($id: ID!) { person(idNumber: $id) { name phone } }`, { id: SHOWCASE.head });
    expect(read.errors).toBeUndefined();

    const officer = await signInAs('ga-aq-01');
    await officer.page.getByRole('link', { name: '访问日志' }).click();
    await officer.page.getByLabel(/主体/).fill(SHOWCASE.head);
    await officer.page.getByLabel('访问部门').fill('civil-affairs');
    await officer.page.getByRole('button', { name: '检索' }).click();
    const results = officer.page.locator('table', { has: officer.page.locator('caption', { hasText: '检索结果' }) });
    await results.locator('tbody tr', { hasText: 'mz-xw-0007' }).first().waitFor();
    const text = (await results.textContent())!;
    expect(text).toContain('dibao-verification');
    expect(text).toContain(DIBAO.grantId);
    expect(text).not.toContain('没有符合条件的记录');
    await results.locator('tbody tr').first().getByRole('button').click();
    const detail = officer.page.getByTestId('record-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain(SHOWCASE.head);
    expect(await detail.textContent()).toContain('Person.name');
    await shot(officer.page, 'access-log');

    // A subject nobody read: an empty result, said so.
    await officer.page.getByLabel(/主体/).fill('11010519491231002X');
    await officer.page.getByRole('button', { name: '检索' }).click();
    await results.filter({ hasText: '没有符合条件的记录' }).waitFor();

    await officer.page.getByRole('button', { name: '立即校验' }).click();
    await officer.page.getByTestId('integrity').filter({ hasText: '校验通过' }).waitFor();
    expect(await officer.page.getByTestId('last-checkpoint').textContent()).toMatch(/^最新签名检查点：(\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}|尚无)/);
    expect(officer.pageErrors).toEqual([]);
    await officer.context.close();
  });

  it('shows a provider its fields and policies, and what 民政 sees under the demo grant as the CLI computes it', async () => {
    const officer = await signInAs('ga-aq-01');
    const { page } = officer;
    await page.getByRole('link', { name: '策略', exact: true }).click();
    await page.locator('#page-title').filter({ hasText: '策略' }).waitFor();
    // 字段策略: the officer's own department first, every field with its class, mask and basis.
    const fields = page.getByTestId('provider-fields');
    await fields.locator('tbody tr').first().waitFor();
    expect(await page.locator('select[name=policy-provider]').inputValue()).toBe('public-security');
    const phoneRow = fields.locator('tbody tr', { has: page.locator('code', { hasText: /^Person\.phone$/ }) });
    expect(await phoneRow.textContent()).toMatch(/有条件共享.*是.*phone/);
    await page.locator('select[name=policy-sharing]').selectOption('NOT_SHARED');
    const notShared = await fields.locator('tbody tr').allTextContents();
    expect(notShared.length).toBeGreaterThan(0);
    for (const row of notShared) expect(row).toContain('不予共享');
    expect(notShared.join('')).not.toContain('有条件共享');

    // 某部门可见范围: 民政 (civil-affairs) in 玄武区 under G-DEMO-0001.
    await page.locator('select[name=explain-department]').selectOption('civil-affairs');
    await page.locator('input[name=explain-grant]').fill(DIBAO.grantId);
    await page.locator('input[name=explain-consumer-division]').fill('320102');
    await page.getByRole('button', { name: '计算可见范围' }).click();
    const header = page.getByTestId('explain-header');
    await header.waitFor();
    const cli = explain({
      supergraphSdl: readCommittedSupergraph(), policy: stack.security.policy.current, dept: 'civil-affairs', grantId: DIBAO.grantId, consumerDivision: '320102',
      departments: Object.fromEntries(subgraphs.map((s) => [s.name, s.department])),
    });
    const cliView = (path: string) => cli.rows.find((r) => r.path === path)!.view;
    expect(cliView('Person.phone')).toBe('masked(phone)');
    expect(await page.getByTestId('policy-revision').textContent()).toBe(cli.header.policyRevision);
    expect(await header.textContent()).toContain('dibao-verification（取自授权）');
    const kinds = (k: string) => cli.rows.filter((r) => r.view.startsWith(k)).length;
    expect(await page.getByTestId('explain-summary').textContent()).toBe(`共 ${cli.rows.length} 个数据项：完整返回 ${kinds('full')}，脱敏返回 ${kinds('masked')}，拒绝 ${kinds('denied')}。`);
    const results = page.getByTestId('explain-results');
    const search = page.locator('input[name=explain-search]');
    for (const path of ['Person.phone', 'Person.name', 'Person.idNumber', 'Person.caseFlags']) {
      await search.fill(path);
      const cell = results.locator(`[data-path="${path}"]`);
      expect({ path, view: await cell.getAttribute('data-view') }).toEqual({ path, view: cliView(path) });
    }
    await shot(page, 'policies');
    // The filter by view: only denials, each explained.
    await search.fill('');
    await page.locator('select[name=explain-view]').selectOption('denied');
    const denied = await results.locator('[data-view]').evaluateAll((els) => els.map((e) => e.getAttribute('data-view')!));
    expect(denied.length).toBeGreaterThan(0);
    for (const v of denied) expect(v).toMatch(/^denied\(/);

    // A grant this officer may see, for another department: the grant does not apply, said so.
    await page.locator('select[name=explain-department]').selectOption('tax');
    await page.getByRole('button', { name: '计算可见范围' }).click();
    await header.filter({ hasText: '用途或使用部门不符' }).waitFor();
    // An unknown grant: refused, explained.
    await page.locator('input[name=explain-grant]').fill('G-NO-SUCH');
    await page.getByRole('button', { name: '计算可见范围' }).click();
    await page.locator('main [role=alert]').filter({ hasText: '未找到' }).waitFor();
    expect(officer.pageErrors).toEqual([]);
    await officer.context.close();
  });

  it('finds access-log records by purpose and by grant id', async () => {
    const read = await stack.queryAs(PEOPLE.caseworker, DIBAO, `query ConsoleTestPurpose($id: ID!) { person(idNumber: $id) { name phone } }`, { id: SHOWCASE.spouse });
    expect(read.errors).toBeUndefined();
    const tax = await stack.queryAs(TAX, { purpose: 'tax-audit' }, `query ConsoleTestTax($id: ID!) { person(idNumber: $id) { name } }`, { id: RESIDENT.idNumber });
    expect(tax.errors).toBeUndefined();
    const officer = await signInAs('dsj-aq-01');
    const { page } = officer;
    await page.getByRole('link', { name: '访问日志' }).click();
    const results = page.locator('table', { has: page.locator('caption', { hasText: '检索结果' }) });
    const search = async (purpose: string, grantId: string) => {
      await page.getByLabel('用途').fill(purpose);
      await page.getByLabel('授权编号').fill(grantId);
      await page.getByRole('button', { name: '检索' }).click();
      await page.locator('main').filter({ hasNotText: '正在检索' }).waitFor();
      await results.waitFor();
      return results.locator('tbody tr').allTextContents();
    };
    const byPurpose = await search('dibao-verification', '');
    expect(byPurpose.length).toBeGreaterThan(0);
    for (const row of byPurpose) expect(row).toContain('dibao-verification');
    expect(byPurpose.join('')).toContain('mz-xw-0007');
    const byTax = await search('tax-audit', '');
    expect(byTax.join('')).toContain(TAX.user);
    expect(byTax.join('')).not.toContain('dibao-verification');
    const byGrant = await search('', DIBAO.grantId);
    expect(byGrant.length).toBeGreaterThan(0);
    for (const row of byGrant) expect(row).toContain(DIBAO.grantId);
    expect(await search('tax-audit', DIBAO.grantId)).toEqual([expect.stringContaining('没有符合条件的记录')]);
    expect(officer.pageErrors).toEqual([]);
    await officer.context.close();
  });

  it('charts applications by state per day on 统计, with the numbers the API gives', async () => {
    const submitted = await stack.queryAs(TAX, {}, SUBMIT, { input: { purpose: 'tax-audit', justification: '统计图测试', fields: ['Person.phone'] } });
    expect(submitted.errors).toBeUndefined();
    const platform: Requester = { user: 'dsj-aq-01', dept: 'big-data-center', division: '320100', roles: ['security-officer'] };
    const api = await stack.queryAs(platform, {}, `{ applicationTrend { date submitted approved partiallyApproved rejected withdrawn pending } }`);
    const days = api.data!.applicationTrend as Array<Record<string, any>>;
    const last = days[days.length - 1];
    expect(last.pending).toBeGreaterThan(0);
    const sum = (f: (d: Record<string, any>) => number) => days.reduce((n, d) => n + f(d), 0);
    const expected = `${days[0].date} 至 ${last.date}：新提交 ${sum((d) => d.submitted)}，批准（含部分批准） ${sum((d) => d.approved + d.partiallyApproved)}，驳回 ${sum((d) => d.rejected)}，撤回 ${sum((d) => d.withdrawn)}；${last.date} 日终待审批 ${last.pending}`;
    const { page, context, pageErrors } = await signInAs('dsj-aq-01');
    await page.getByRole('link', { name: '统计' }).click();
    const chart = page.getByTestId('trend-chart');
    await chart.waitFor();
    expect(await page.getByTestId('trend-summary').textContent()).toBe(expected);
    expect(await chart.getAttribute('aria-label')).toBe(`每日申请情况：${expected}`);
    expect(await chart.locator('polyline').count()).toBe(5);
    expect((await chart.locator('polyline[data-series=pending]').getAttribute('points'))!.split(' ')).toHaveLength(days.length);
    await shot(page, 'statistics');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('a forbidden action forced from the browser is refused by the server', async () => {
    const { page, context } = await signInAs('mz-xw-0007');
    const submitted = await stack.queryAs(TAX, {}, SUBMIT, { input: { purpose: 'tax-audit', justification: '越权测试', fields: ['Person.phone'] } });
    const id: string = submitted.data!.submitApplication.id;
    const answer = await page.evaluate(async (appId) => {
      const token = (globalThis as any).sessionStorage.getItem('govgraph-console:token');
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'mutation($id: ID!) { approveApplication(id: $id, provider: "public-security") { id status } }', variables: { id: appId } }),
      });
      return res.json();
    }, id) as any;
    expect(codes({ status: 200, headers: new Headers(), ...answer })).toEqual(['FORBIDDEN']);
    expect(answer.errors[0].extensions.reason).toBe('ROLE_REQUIRED');
    // And the console, asked for the application, offers the caseworker no decision.
    await page.goto(`${stack.gatewayUrl}/console/#/applications/${id}`);
    await page.locator('main').filter({ hasText: /未找到该申请|申请 A-/ }).waitFor();
    expect(await page.getByRole('button', { name: '同意' }).count()).toBe(0);
    await context.close();
  });

  it('opens every page its role offers, for each demo identity, without an error', async () => {
    const probe = await open();
    const users = await probe.page.locator('button[data-user]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-user')!));
    await probe.context.close();
    expect(users).toHaveLength(8);
    for (const user of users) {
      const { page, context, pageErrors } = await signInAs(user);
      for (const label of await navLinks(page)) {
        await page.locator('#nav').getByRole('link', { name: label, exact: true }).click();
        await page.locator('#page-title').filter({ hasText: label.slice(0, 2) }).waitFor();
        await page.locator('main').filter({ hasNotText: '正在加载' }).waitFor();
        expect({ user, label, alerts: await page.locator('main [role=alert]').allTextContents() }).toEqual({ user, label, alerts: [] });
      }
      expect({ user, pageErrors }).toEqual({ user, pageErrors: [] });
      await context.close();
    }
  });

  it('lets the provider acknowledge and resolve a data-quality report routed to it', async () => {
    const reported = await stack.queryAs(PEOPLE.caseworker, DIBAO, `mutation($key: ID!) { reportDataIssue(path: "Person.registeredAddress", subjectKey: $key, description: "门牌号与实地不符（控制台测试）") { id provider } }`, { key: SHOWCASE.head });
    expect(reported.errors).toBeUndefined();
    const { id, provider } = reported.data!.reportDataIssue;
    expect(provider).toBe('public-security');
    const { page, context } = await signInAs('ga-aq-01');
    await page.getByRole('link', { name: '数据纠错' }).click();
    await page.getByRole('button', { name: id }).click();
    const detail = page.locator('section', { has: page.getByRole('heading', { name: `纠错报告 ${id}` }) });
    await detail.getByRole('button', { name: '受理' }).click();
    await detail.filter({ hasText: '已受理' }).getByRole('button', { name: '办结' }).waitFor();
    await detail.getByLabel(/处理结果/).fill('已按户籍档案更正');
    await detail.getByRole('button', { name: '办结' }).click();
    await page.locator('section', { has: page.getByRole('heading', { name: `纠错报告 ${id}` }) }).filter({ hasText: '已按户籍档案更正' }).waitFor();
    const issue = await stack.queryAs(PEOPLE.caseworker, {}, `query($id: ID!) { dataIssue(id: $id) { status outcome resolution } }`, { id });
    expect(issue.data!.dataIssue).toEqual({ status: 'RESOLVED', outcome: 'CORRECTED', resolution: '已按户籍档案更正' });
    // The reporting caseworker sees it, and no form to answer it.
    const caseworker = await signInAs('mz-xw-0007');
    await caseworker.page.getByRole('link', { name: '数据纠错' }).click();
    await caseworker.page.getByRole('button', { name: id }).click();
    await caseworker.page.getByRole('heading', { name: `纠错报告 ${id}` }).waitFor();
    expect(await caseworker.page.getByRole('button', { name: '办结' }).count()).toBe(0);
    await caseworker.context.close();
    await context.close();
  });

  it('lets a consumer apply in the console and withdraw its application', async () => {
    const { page, context, pageErrors } = await signInAs('sw-jn-0101');
    await page.getByRole('link', { name: '申请审批' }).click();
    await page.getByRole('link', { name: /新建申请/ }).click();
    await page.getByRole('heading', { name: '新建申请' }).waitFor();
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('alert').filter({ hasText: '请至少选择一个数据项' }).waitFor(); // nothing sent half-filled
    await page.getByLabel('用途代码').fill('tax-audit');
    await page.getByLabel(/申请理由/).fill('个人所得税汇算清缴稽查（控制台申请）');
    await page.getByRole('checkbox', { name: 'Person.phone', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Person.phone 需要明文' }).check();
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByTestId('application-status').filter({ hasText: '待审批' }).waitFor();
    const id = (await page.locator('#page-title').textContent())!.replace('申请 ', '');
    const app = await stack.queryAs(TAX, {}, `query($id: ID!) { application(id: $id) { consumer purpose fields unmasked submittedBy reviews { provider status } } }`, { id });
    expect(app.data!.application).toEqual({
      consumer: 'tax', purpose: 'tax-audit', fields: ['Person.phone'], unmasked: ['Person.phone'], submittedBy: 'sw-jn-0101',
      reviews: [{ provider: 'public-security', status: 'PENDING' }],
    });
    // Its own department's pending application: the consumer withdraws it; no decision is offered.
    expect(await page.getByRole('button', { name: '同意' }).count()).toBe(0);
    await page.getByLabel(/撤回原因/).fill('不再需要');
    await page.getByRole('button', { name: '撤回申请' }).click();
    await page.getByTestId('application-status').filter({ hasText: '已撤回' }).waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('asked nothing of any origin but the gateway', () => {
    expect(requested.length).toBeGreaterThan(20);
    expect([...new Set(requested.map((u) => new URL(u).origin))]).toEqual([origin]);
  });
});
