// The officers' console: sign-in, the navigation its roles allow, and a hash router.
import { gql } from './api.js';
import { session } from './session.js';
import { h, fill, notify, errorBox, field, heading, facts, tag, infoBox } from './ui.js';
import { dept, role, explain } from './text.js';
import { applicationsPage, applicationPage } from './pages/applications.js';
import { grantsPage, grantPage } from './pages/grants.js';
import { accessLogPage } from './pages/accessLog.js';
import { catalogPage } from './pages/catalog.js';
import { policiesPage } from './pages/policies.js';
import { policyChangesPage, policyChangePage } from './pages/policyChanges.js';
import { issuesPage } from './pages/issues.js';
import { statisticsPage } from './pages/statistics.js';

export const ME = `query ConsoleMe { me { user department division roles citizen platformOperator visibleDepartments decidesFor answersReportsFor readsAccessLog applies } }`;

/** Pages: who may see each (by the `me` capabilities) and what renders it. */
const PAGES = [
  { path: 'me', label: '我的身份', show: () => true, render: mePage },
  { path: 'applications', label: '申请审批', show: () => true, render: applicationsPage, detail: applicationPage },
  { path: 'grants', label: '授权', show: () => true, render: grantsPage, detail: grantPage },
  { path: 'policies', label: '策略', show: (me) => me.readsAccessLog, render: policiesPage },
  { path: 'policy-changes', label: '策略变更', show: (me) => me.readsAccessLog, render: policyChangesPage, detail: policyChangePage },
  { path: 'access-log', label: '访问日志', show: (me) => me.readsAccessLog, render: accessLogPage },
  { path: 'catalog', label: '目录', show: () => true, render: catalogPage },
  { path: 'issues', label: '数据纠错', show: (me) => me.applies || me.answersReportsFor.length > 0 || me.platformOperator, render: issuesPage },
  { path: 'statistics', label: '统计', show: (me) => me.readsAccessLog || me.platformOperator, render: statisticsPage },
];

const main = () => document.getElementById('main');

function route() {
  const [, page = '', ...rest] = (location.hash || '#/').split('/');
  return { page, id: rest.length ? decodeURIComponent(rest.join('/')) : undefined };
}

let renderSeq = 0;
async function render() {
  const seq = ++renderSeq;
  const me = session.viewer();
  renderChrome(me);
  const el = main();
  if (!me) {
    await signInPage(el);
    return;
  }
  const { page, id } = route();
  const def = PAGES.find((p) => p.path === page && p.show(me));
  if (!def) {
    if (page && page !== 'signin' && PAGES.some((p) => p.path === page)) notify('您的角色无权查看该页面。', 'error');
    location.replace('#/' + (me.decidesFor.length || me.applies ? 'applications' : 'me'));
    return;
  }
  fill(el, h('p', { class: 'muted' }, '正在加载…'));
  try {
    const node = await (id && def.detail ? def.detail(id, me) : def.render(me));
    if (seq !== renderSeq) return; // navigated away meanwhile
    fill(el, node);
  } catch (err) {
    if (seq !== renderSeq) return;
    fill(el, heading(def.label), errorBox(err));
  }
  const title = document.getElementById('page-title');
  document.title = `${title ? title.textContent : def.label} · govgraph 控制台`;
  (title || el).focus();
}

function renderChrome(me) {
  const who = document.getElementById('who');
  const nav = document.getElementById('nav');
  if (!me) {
    who.replaceChildren();
    nav.hidden = true;
    nav.replaceChildren();
    return;
  }
  fill(who,
    h('span', { 'data-testid': 'who' }, `${me.user} · ${dept(me.department)}`),
    h('button', { type: 'button', onclick: () => { session.signOut(); notify('已退出登录。'); } }, '退出登录'));
  const { page } = route();
  nav.hidden = false;
  fill(nav, PAGES.filter((p) => p.show(me)).map((p) => h('a', { href: `#/${p.path}`, 'aria-current': p.path === page ? 'page' : false }, p.label)));
}

async function signInPage(el) {
  const error = h('div');
  const tokenInput = h('textarea', { name: 'token', rows: 4, autocomplete: 'off', spellcheck: 'false', placeholder: 'eyJhbGciOi…', 'aria-required': 'true' });
  const submit = h('button', { type: 'submit', class: 'primary' }, '登录');
  const form = h('form', { class: 'panel', 'aria-labelledby': 'paste-title', onsubmit: (e) => { e.preventDefault(); signIn(tokenInput.value.trim(), submit, error); } },
    h('h2', { id: 'paste-title' }, '使用令牌登录'),
    field('访问令牌（Bearer token，由本单位身份系统签发）', tokenInput),
    h('p', null, submit));
  const demo = h('div');
  fill(el, heading('登录'), error, form, demo);
  // Demo identities exist only on a demo gateway; a production gateway answers none.
  try {
    const res = await fetch('/console/demo-identities.json', { cache: 'no-store', credentials: 'omit' });
    const body = res.ok ? await res.json() : { demo: false };
    if (body.demo && body.identities.length) {
      fill(demo, h('section', { class: 'panel', 'aria-labelledby': 'demo-title' },
        h('h2', { id: 'demo-title' }, '演示身份（仅演示环境）'),
        h('p', { class: 'muted' }, '演示环境的合成身份，令牌由演示签发密钥签发；生产环境不提供。'),
        h('div', { class: 'identities' }, body.identities.map((d) => {
          const b = h('button', { type: 'button', 'data-user': d.identity.user, onclick: () => signIn(d.token, b, error) },
            d.label, h('small', null, `${d.identity.user} · ${d.identity.roles.join(', ')}`));
          return b;
        }))));
    }
  } catch {
    // No demo list: sign in with a token.
  }
  document.title = '登录 · govgraph 控制台';
  const reason = signInPage.reason;
  if (reason) fill(error, h('div', { class: 'msg error', role: 'alert' }, explain(reason)));
  signInPage.reason = undefined;
  document.getElementById('page-title').focus();
}

async function signIn(token, button, errorSlot) {
  if (!token) {
    fill(errorSlot, h('div', { class: 'msg error', role: 'alert' }, '请粘贴访问令牌。'));
    return;
  }
  button.disabled = true;
  errorSlot.replaceChildren();
  try {
    const data = await gql(ME, {}, { token });
    session.signIn(token, data.me);
    notify(`已登录：${data.me.user}（${dept(data.me.department)}）`);
  } catch (err) {
    fill(errorSlot, errorBox(err));
  } finally {
    button.disabled = false;
  }
}

async function mePage(me) {
  let divisionName = '';
  try {
    const data = await gql('query ConsoleDivision($code: ID!) { division(code: $code) { name parent { name } } }', { code: me.division });
    if (data.division) divisionName = `${data.division.parent ? data.division.parent.name : ''}${data.division.name}`;
  } catch {
    // The name is a courtesy: the code is what counts.
  }
  const can = [
    me.decidesFor.length ? `审批以下提供部门的数据申请、撤销其授权：${me.decidesFor.map(dept).join('、')}` : null,
    me.decidesFor.length ? '提出本部门数据项的策略变更（须另一名安全管理员复核）' : null,
    me.readsAccessLog ? '复核其他安全管理员提出的策略变更；检索、校验访问日志，查看统计' : null,
    me.applies ? '申请有条件共享数据、撤回本部门申请、放弃本部门授权、报告数据差错' : null,
    me.answersReportsFor.length ? `受理、办结数据纠错：${me.answersReportsFor.map(dept).join('、')}` : null,
    me.platformOperator ? '查看全部申请、授权和纠错（平台运营方）' : null,
  ].filter(Boolean);
  return h('div', null,
    heading('我的身份'),
    h('section', { class: 'panel', 'aria-label': '身份信息' }, facts([
      ['用户', h('span', { 'data-testid': 'me-user' }, me.user)],
      ['部门', h('span', { 'data-testid': 'me-dept' }, dept(me.department))],
      ['角色', h('span', { 'data-testid': 'me-roles' }, me.roles.map(role).join('、') || '（无）')],
      ['管辖范围', h('span', { 'data-testid': 'me-division' }, `${me.division}${divisionName ? ` ${divisionName}` : ''}`)],
      ['可见部门', me.visibleDepartments ? me.visibleDepartments.map(dept).join('、') : '全部（平台运营方）'],
      me.citizen ? ['代办市民', me.citizen] : null,
    ])),
    h('section', { class: 'panel', 'aria-labelledby': 'can-title' },
      h('h2', { id: 'can-title' }, '您可以'),
      can.length ? h('ul', { 'data-testid': 'me-can' }, can.map((c) => h('li', null, c))) : infoBox('您的角色在本控制台中只能查看。'),
      h('p', { class: 'muted' }, '角色由令牌决定；每项操作服务器都会再次校验权限。')),
  );
}

session.onChange((what, reason) => {
  if (what === 'signout') {
    signInPage.reason = reason;
    if (location.hash !== '#/signin') location.hash = '#/signin';
    else render();
  } else {
    const { page } = route();
    if (!page || page === 'signin') location.hash = '#/me';
    else render();
  }
});
window.addEventListener('hashchange', render);

// Boot: a token from earlier in this tab is checked again before anything is shown.
(async function boot() {
  const token = session.token();
  if (token) {
    try {
      session.setViewer((await gql(ME, {}, { token })).me);
    } catch (err) {
      session.signOut(err);
      return;
    }
  }
  render();
})();

