// 策略变更: a provider's officer proposes a change to its field policies in a form (not YAML),
// sees its effect — which consumers gain or lose which fields, the file's diff, and what
// `policy check` says — and submits it; a second officer (of the provider, or the platform's)
// approves or rejects it (四眼原则); every change stays on record with its revisions.
// The server enforces every rule here again (subgraphs/sharing/policyChanges.ts).
import { gql } from '../api.js';
import { h, fill, act, heading, field, tag, errorBox, okBox, infoBox, facts, table, pagedTable } from '../ui.js';
import { SHARING, dept, deptShort, dateTime, decision, decisionTone, reasonText } from '../text.js';
import { catalogEntries } from '../catalog.js';

const STATUS = { PROPOSED: '待复核', APPLIED: '已生效', REJECTED: '已驳回', WITHDRAWN: '已撤回' };
const STATUS_TONE = { PROPOSED: 'warn', APPLIED: 'ok', REJECTED: 'bad', WITHDRAWN: 'muted' };
const MASKS = { none: '不脱敏', idNumber: '身份号码', phone: '电话号码', name: '姓名', address: '地址' };
const DIRECTION = { GAIN: ['可见范围扩大', 'warn'], LOSS: ['可见范围缩小', 'bad'], CHANGE: ['脱敏方式变化', 'muted'] };

const STATE = 'sharing personal mask legalBasis';
const FIELDS = `fields { path before { ${STATE} } after { ${STATE} } }`;
const EFFECT = 'effect { consumer grantId path before after direction }';
const CHANGE = `id provider file status reason proposedBy proposedByDepartment proposedAt baseRevision decidedBy decidedByDepartment decidedAt decisionNote beforeRevision afterRevision beforeYaml afterYaml ${FIELDS} ${EFFECT}`;
const LIST = `query ConsolePolicyChanges($status: PolicyChangeStatus) { policyChanges(status: $status) { id provider status reason proposedBy proposedAt decidedBy decidedAt beforeRevision afterRevision fields { path } } }`;
const ONE = `query ConsolePolicyChange($id: ID!) { policyChange(id: $id) { ${CHANGE} } }`;
const PREVIEW = `query ConsolePreviewPolicyChange($input: PolicyChangeInput!) { previewPolicyChange(input: $input) { problems beforeRevision afterRevision beforeYaml afterYaml ${FIELDS} ${EFFECT} } }`;
const PROPOSE = `mutation ConsoleProposePolicyChange($input: PolicyChangeInput!) { proposePolicyChange(input: $input) { id } }`;
const APPROVE = `mutation ConsoleApprovePolicyChange($id: ID!, $note: String) { approvePolicyChange(id: $id, note: $note) { id status afterRevision } }`;
const REJECT = `mutation ConsoleRejectPolicyChange($id: ID!, $reason: String!) { rejectPolicyChange(id: $id, reason: $reason) { id status } }`;
const WITHDRAW = `mutation ConsoleWithdrawPolicyChange($id: ID!, $reason: String) { withdrawPolicyChange(id: $id, reason: $reason) { id status } }`;

const statusTag = (s) => tag(STATUS[s] || s, STATUS_TONE[s]);
const stateText = (s) => `${SHARING[s.sharing] || s.sharing}；${s.personal ? '个人信息' : '非个人信息'}；${MASKS[s.mask] || s.mask}${s.legalBasis ? `；依据：${s.legalBasis}` : ''}`;
const view = (v) => {
  const reason = /^denied\((.*)\)$/.exec(v);
  return h('span', { title: reason ? reasonText(reason[1]) : null }, tag(decision(v), decisionTone(v)));
};

export async function policyChangesPage(me) {
  return h('div', null,
    heading('策略变更'),
    h('p', { class: 'muted' }, '四眼原则：提供部门的安全管理员提出变更，须由另一名安全管理员（本部门或市大数据中心）复核批准后方才生效；生效时写入策略文件（policies/ 目录，可由 git 审阅），各服务在数秒内热加载。'),
    me.decidesFor.length ? proposeSection(me) : infoBox('只有提供部门的安全管理员可以提出变更；您可以复核、查看变更记录。'),
    await listSection());
}

/** The form: fields one at a time into a change, a preview of its effect, then submission. */
function proposeSection(me) {
  const provider = h('select', { name: 'change-provider' }, me.decidesFor.map((p) => h('option', { value: p }, deptShort(p))));
  const path = h('select', { name: 'change-field', 'aria-required': 'true' });
  const sharing = h('select', { name: 'change-sharing' }, Object.entries(SHARING).map(([v, l]) => h('option', { value: v }, l)));
  const personal = h('select', { name: 'change-personal' }, h('option', { value: 'true' }, '是'), h('option', { value: 'false' }, '否'));
  const mask = h('select', { name: 'change-mask' }, Object.entries(MASKS).map(([v, l]) => h('option', { value: v }, l)));
  const legalBasis = h('textarea', { name: 'change-legal-basis', rows: 2, placeholder: '不予共享时必填：法律、法规或政策依据' });
  const reason = h('textarea', { name: 'change-reason', rows: 2, 'aria-required': 'true', placeholder: '变更理由（复核人将看到）' });
  const pending = h('div', { 'data-testid': 'change-pending' });
  const result = h('div', { 'aria-live': 'polite', 'data-testid': 'change-preview' });
  const error = h('div');
  let entries = [];
  let edits = [];
  let previewed = null;

  const current = () => entries.find((e) => e.path === path.value);
  const loadField = () => {
    const e = current();
    if (!e) return;
    sharing.value = e.sharing;
    personal.value = String(e.personal);
    mask.value = e.mask || 'none';
    legalBasis.value = e.legalBasis || '';
  };
  const loadProvider = async () => {
    entries = (await catalogEntries()).filter((e) => e.provider === provider.value);
    fill(path, entries.map((e) => h('option', { value: e.path }, `${e.path}（${e.description || ''}）`)));
    edits = [];
    invalidate();
    loadField();
  };
  const invalidate = () => {
    previewed = null;
    submit.disabled = true;
    result.replaceChildren();
    fill(pending, edits.length
      ? table('本次变更的数据项', [
          { label: '数据项', cell: (c) => h('code', null, c.path) },
          { label: '变更为', cell: (c) => stateText({ ...c, legalBasis: c.legalBasis || null }) },
          { label: '', cell: (c) => h('button', { type: 'button', onclick: () => { edits = edits.filter((x) => x !== c); invalidate(); } }, `移除 ${c.path}`) },
        ], edits)
      : h('p', { class: 'muted' }, '尚未加入数据项：选择数据项、设置新的策略后点“加入本次变更”。'));
  };
  const add = h('button', { type: 'button', onclick: () => {
    const e = current();
    if (!e) return;
    const change = { path: e.path, sharing: sharing.value, personal: personal.value === 'true', mask: mask.value, legalBasis: legalBasis.value.trim() };
    edits = [...edits.filter((c) => c.path !== e.path), change];
    invalidate();
  } }, '加入本次变更');
  const input = () => ({ provider: provider.value, reason: reason.value, changes: edits });
  const preview = h('button', { type: 'button', onclick: () => act(preview, error, async () => {
    if (!edits.length) throw { code: 'BAD_USER_INPUT', message: '请先加入至少一个数据项' };
    const p = (await gql(PREVIEW, { input: input() })).previewPolicyChange;
    previewed = p;
    submit.disabled = p.problems.length > 0;
    fill(result, previewView(p));
  }) }, '预览影响');
  const submit = h('button', { type: 'submit', class: 'primary', disabled: true }, '提交复核');
  provider.addEventListener('input', loadProvider);
  path.addEventListener('input', loadField);
  reason.addEventListener('input', () => { if (previewed) submit.disabled = previewed.problems.length > 0; });
  loadProvider().catch((err) => fill(error, errorBox(err)));

  const form = h('form', { class: 'panel', 'aria-labelledby': 'propose-title', onsubmit: async (ev) => {
    ev.preventDefault();
    const done = await act(submit, error, async () => (await gql(PROPOSE, { input: input() })).proposePolicyChange, (c) => `已提交变更 ${c.id}，等待另一名安全管理员复核。`);
    if (done) location.hash = `#/policy-changes/${encodeURIComponent(done.id)}`;
  } },
    h('h2', { id: 'propose-title' }, '提出变更'),
    h('div', { class: 'row' }, field('提供部门', provider), field('数据项', path)),
    h('div', { class: 'row' }, field('共享类型', sharing), field('个人信息', personal), field('脱敏规则', mask)),
    field('不予共享依据', legalBasis, '留空表示删除依据；不予共享的数据项必须注明依据。'),
    h('p', null, add),
    pending,
    field('变更理由', reason),
    h('p', { class: 'row' }, preview, submit),
    error,
    result);
  invalidate();
  return form;
}

/** What a change does: problems, the fields, who gains or loses what, and the file's diff. */
function previewView(p) {
  return h('div', null,
    p.problems.length
      ? h('div', { class: 'msg error', role: 'alert', 'data-testid': 'change-problems' }, h('p', null, '该变更会使策略无效，不能提交：'), h('ul', null, p.problems.map((x) => h('li', null, x))))
      : okBox(`校验通过（与 govgraph policy check 相同的检查）。生效后策略修订号将由 ${p.beforeRevision} 变为 ${p.afterRevision}。`),
    fieldsTable(p.fields),
    effectTable(p.effect),
    yamlDiff(p.beforeYaml, p.afterYaml));
}

const fieldsTable = (fields) => table('数据项的策略', [
  { label: '数据项', cell: (f) => h('code', null, f.path) },
  { label: '变更前', cell: (f) => stateText(f.before) },
  { label: '变更后', cell: (f) => stateText(f.after) },
], fields);

function effectTable(effect) {
  return h('div', { 'data-testid': 'change-effect' }, table('影响：哪些使用部门获得或失去哪些数据项', [
    { label: '使用部门', cell: (e) => (e.consumer ? dept(e.consumer) : '所有无授权的使用部门') },
    { label: '授权', cell: (e) => (e.grantId ? h('a', { href: `#/grants/${encodeURIComponent(e.grantId)}` }, e.grantId) : '—') },
    { label: '数据项', cell: (e) => h('code', null, e.path) },
    { label: '变更前', cell: (e) => view(e.before) },
    { label: '变更后', cell: (e) => view(e.after) },
    { label: '影响', cell: (e) => tag(...DIRECTION[e.direction]) },
  ], effect, '没有使用部门的可见范围因此改变。'));
}

/** The lines that differ between two texts (a longest-common-subsequence diff), with a line of context. */
function yamlDiff(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) { ops.push([' ', x[i], i + 1]); i++; j++; }
    // A removed line before the line that replaces it, as diff prints them.
    else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) { ops.push(['-', x[i], i + 1]); i++; }
    else { ops.push(['+', y[j], j + 1]); j++; }
  }
  const near = (k) => ops.slice(Math.max(0, k - 1), k + 2).some((o) => o[0] !== ' ');
  const shown = ops.filter((o, k) => o[0] !== ' ' || near(k));
  return h('details', { open: true },
    h('summary', null, '策略文件的改动（policies/ 中的 YAML）'),
    h('pre', { class: 'diff', 'data-testid': 'change-diff' }, shown.map(([op, line]) => h('span', { class: op === '+' ? 'add' : op === '-' ? 'del' : null }, `${op} ${line}`))));
}

async function listSection() {
  const status = h('select', { name: 'change-status' }, h('option', { value: '' }, '全部'), Object.entries(STATUS).map(([v, l]) => h('option', { value: v, selected: v === 'PROPOSED' }, l)));
  const results = h('div', { 'aria-live': 'polite', 'data-testid': 'change-list' });
  const load = async () => {
    try {
      const rows = (await gql(LIST, { status: status.value || null })).policyChanges;
      fill(results, pagedTable({
        caption: '策略变更记录',
        rows,
        pageSize: 20,
        columns: [
          { label: '编号', cell: (c) => h('a', { href: `#/policy-changes/${encodeURIComponent(c.id)}` }, c.id) },
          { label: '提供部门', cell: (c) => deptShort(c.provider) },
          { label: '数据项', cell: (c) => c.fields.map((f) => f.path).join('、') },
          { label: '状态', cell: (c) => statusTag(c.status) },
          { label: '提出人', cell: (c) => `${c.proposedBy} · ${dateTime(c.proposedAt)}` },
          { label: '复核人', cell: (c) => (c.decidedBy ? `${c.decidedBy} · ${dateTime(c.decidedAt)}` : '—') },
          { label: '修订号', cell: (c) => (c.afterRevision ? `${c.beforeRevision} → ${c.afterRevision}` : '—') },
        ],
      }));
    } catch (err) {
      fill(results, errorBox(err));
    }
  };
  status.addEventListener('input', load);
  await load();
  return h('section', { class: 'panel', 'aria-labelledby': 'changes-title' },
    h('h2', { id: 'changes-title' }, '变更记录'),
    h('form', { class: 'row', role: 'search', 'aria-label': '筛选变更', onsubmit: (e) => e.preventDefault() }, field('状态', status)),
    results);
}

/** One change: what, why, its effect and diff, who decided, and the decisions open to `me`. */
export async function policyChangePage(id, me) {
  const c = (await gql(ONE, { id })).policyChange;
  if (!c) return h('div', null, heading(`策略变更 ${id}`), errorBox({ code: 'NOT_FOUND' }));
  const mine = c.proposedBy === me.user && c.proposedByDepartment === me.department;
  const error = h('div');
  const decisions = [];
  if (c.status === 'PROPOSED' && !mine && (me.decidesFor.includes(c.provider) || me.platformOperator)) {
    const note = h('textarea', { name: 'approve-note', rows: 2, placeholder: '复核意见（可选）' });
    const approve = h('button', { type: 'submit', class: 'primary' }, '批准并生效');
    const reason = h('textarea', { name: 'reject-reason', rows: 2, 'aria-required': 'true', placeholder: '驳回理由（必填）' });
    const reject = h('button', { type: 'submit' }, '驳回');
    decisions.push(
      h('form', { class: 'panel', 'aria-labelledby': 'approve-title', onsubmit: async (e) => {
        e.preventDefault();
        const done = await act(approve, error, async () => (await gql(APPROVE, { id, note: note.value })).approvePolicyChange, (r) => `变更 ${r.id} 已生效，策略修订号 ${r.afterRevision}。`);
        if (done) window.dispatchEvent(new HashChangeEvent('hashchange'));
      } }, h('h2', { id: 'approve-title' }, '复核：批准'), field('复核意见', note), h('p', null, approve)),
      h('form', { class: 'panel', 'aria-labelledby': 'reject-title', onsubmit: async (e) => {
        e.preventDefault();
        const done = await act(reject, error, async () => (await gql(REJECT, { id, reason: reason.value })).rejectPolicyChange, (r) => `变更 ${r.id} 已驳回。`);
        if (done) window.dispatchEvent(new HashChangeEvent('hashchange'));
      } }, h('h2', { id: 'reject-title' }, '复核：驳回'), field('驳回理由', reason), h('p', null, reject)));
  } else if (c.status === 'PROPOSED' && mine) {
    const reason = h('textarea', { name: 'withdraw-reason', rows: 2, placeholder: '撤回理由（可选）' });
    const withdraw = h('button', { type: 'submit' }, '撤回');
    decisions.push(
      infoBox('这是您提出的变更：须由另一名安全管理员复核，您不能自行批准。'),
      h('form', { class: 'panel', 'aria-labelledby': 'withdraw-title', onsubmit: async (e) => {
        e.preventDefault();
        const done = await act(withdraw, error, async () => (await gql(WITHDRAW, { id, reason: reason.value })).withdrawPolicyChange, (r) => `变更 ${r.id} 已撤回。`);
        if (done) window.dispatchEvent(new HashChangeEvent('hashchange'));
      } }, h('h2', { id: 'withdraw-title' }, '撤回'), field('撤回理由', reason), h('p', null, withdraw)));
  }
  return h('div', null,
    heading(`策略变更 ${c.id}`),
    h('p', null, h('a', { href: '#/policy-changes' }, '← 返回变更记录')),
    h('section', { class: 'panel', 'aria-label': '变更概况' }, facts([
      ['状态', h('span', { 'data-testid': 'change-status' }, statusTag(c.status))],
      ['提供部门', dept(c.provider)],
      ['策略文件', h('code', null, `policies/${c.file}`)],
      ['变更理由', c.reason],
      ['提出人', `${c.proposedBy}（${dept(c.proposedByDepartment)}）· ${dateTime(c.proposedAt)}`],
      ['提出时的修订号', c.baseRevision],
      ['复核人', c.decidedBy ? `${c.decidedBy}（${dept(c.decidedByDepartment)}）· ${dateTime(c.decidedAt)}` : '—'],
      ['复核意见 / 理由', c.decisionNote],
      ['修订号（前 → 后）', c.afterRevision ? h('span', { 'data-testid': 'change-revisions' }, `${c.beforeRevision} → ${c.afterRevision}`) : '—'],
    ])),
    error,
    decisions,
    fieldsTable(c.fields),
    effectTable(c.effect),
    yamlDiff(c.beforeYaml, c.afterYaml));
}
