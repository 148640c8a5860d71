// 申请审批: the queue by state, an application's detail and history, approve (narrowing) or reject.
import { gql } from '../api.js';
import { h, fill, act, pagedTable, facts, tag, heading, field, errorBox, okBox, infoBox, table } from '../ui.js';
import { catalogEntries } from '../catalog.js';
import { APPLICATION_STATUS, REVIEW_STATUS, STATUS_TONE, EVENT_ACTIONS, dept, deptShort, dateTime, date } from '../text.js';

const LIST = `query ConsoleApplications($status: ApplicationStatus, $overdue: Boolean) {
  applications(status: $status, overdue: $overdue) {
    id consumer purpose status submittedAt submittedBy dueOn overdue workingDaysLeft fields
    reviews { provider status }
  }
}`;

const APPLICATION_FIELDS = `id consumer purpose justification fields unmasked jurisdiction validUntil status submittedBy submittedAt
  dueOn overdue workingDaysLeft decidedAt
  reviews { provider status fields approvedFields unmasked jurisdiction validUntil decidedBy decidedAt reason }
  grant { id active validFrom validUntil }
  history { at actor department action note }`;

const ONE = `query ConsoleApplication($id: ID!) { application(id: $id) { ${APPLICATION_FIELDS} } }`;
const APPROVE = `mutation ConsoleApprove($id: ID!, $provider: String, $decision: ApprovalInput) { approveApplication(id: $id, provider: $provider, decision: $decision) { ${APPLICATION_FIELDS} } }`;
const REJECT = `mutation ConsoleReject($id: ID!, $provider: String, $reason: String!) { rejectApplication(id: $id, provider: $provider, reason: $reason) { ${APPLICATION_FIELDS} } }`;
const SUBMIT = `mutation ConsoleSubmit($input: ApplicationInput!) { submitApplication(input: $input) { id dueOn reviews { provider } } }`;
const WITHDRAW = `mutation ConsoleWithdraw($id: ID!, $reason: String) { withdrawApplication(id: $id, reason: $reason) { ${APPLICATION_FIELDS} } }`;

/** The due date with working days left, overdue marked (text, not colour alone). */
export function due(a) {
  if (a.status !== 'PENDING') return h('span', null, date(a.dueOn));
  if (a.overdue) return h('span', { class: 'overdue', 'data-overdue': 'true' }, `${a.dueOn} · 已逾期 ${Math.abs(a.workingDaysLeft ?? 0)} 个工作日`);
  return h('span', null, `${a.dueOn} · 剩 ${a.workingDaysLeft} 个工作日`);
}

const statusTag = (s) => tag(APPLICATION_STATUS[s] || s, STATUS_TONE[s]);

// The queue's filters outlive a visit to an application.
const state = { status: 'PENDING', overdue: false };

export async function applicationsPage(me) {
  const error = h('div');
  const results = h('div', { 'aria-live': 'polite' });
  const statusSelect = h('select', { name: 'status', onchange: () => { state.status = statusSelect.value; load(); } },
    h('option', { value: '' }, '全部状态'),
    Object.entries(APPLICATION_STATUS).map(([v, label]) => h('option', { value: v, selected: state.status === v }, label)));
  statusSelect.value = state.status;
  const overdue = h('input', { type: 'checkbox', name: 'overdue', checked: state.overdue, onchange: () => { state.overdue = overdue.checked; load(); } });
  const refresh = h('button', { type: 'button', onclick: () => load() }, '刷新');

  async function load() {
    fill(results, h('p', { class: 'muted' }, '正在加载…'));
    error.replaceChildren();
    try {
      const { applications } = await gql(LIST, { status: state.status || null, overdue: state.overdue ? true : null });
      // Oldest due first: what is late or nearly late comes to the top.
      const rows = [...applications].sort((a, b) => (a.status === 'PENDING') === (b.status === 'PENDING') ? a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id) : a.status === 'PENDING' ? -1 : 1);
      fill(results, pagedTable({
        caption: '申请列表',
        rows,
        columns: [
          { label: '申请编号', cell: (a) => h('a', { href: `#/applications/${encodeURIComponent(a.id)}` }, a.id) },
          { label: '申请部门', cell: (a) => deptShort(a.consumer) },
          { label: '用途', cell: (a) => a.purpose },
          { label: '状态', cell: (a) => statusTag(a.status) },
          { label: '提交时间', cell: (a) => dateTime(a.submittedAt) },
          { label: '答复期限', cell: due },
          { label: '各提供部门审查', cell: (a) => a.reviews.map((r) => h('div', null, `${deptShort(r.provider)}：`, tag(REVIEW_STATUS[r.status] || r.status, STATUS_TONE[r.status]), me.decidesFor.includes(r.provider) && r.status === 'PENDING' ? ' ← 待我审' : '')) },
        ],
        empty: '没有符合条件的申请。',
      }));
    } catch (err) {
      results.replaceChildren();
      fill(error, errorBox(err));
    }
  }
  load();
  return h('div', null,
    heading('申请审批'),
    me.applies ? h('p', null, h('a', { href: '#/applications/new', class: 'button' }, '＋ 新建申请（有条件共享数据）')) : null,
    h('p', { class: 'muted' }, me.decidesFor.length
      ? `待审批的申请须在提交后 10 个工作日内答复（工作日按 policies/calendar）。您可审批：${me.decidesFor.map(deptShort).join('、')}。`
      : '您可以查看与本部门相关的申请；审批须由提供部门的安全管理员进行。'),
    h('form', { class: 'panel row', role: 'search', 'aria-label': '筛选申请', onsubmit: (e) => { e.preventDefault(); load(); } },
      field('状态', statusSelect),
      h('label', { class: 'check' }, overdue, '只看逾期'),
      refresh),
    error, results);
}

export async function applicationPage(id, me) {
  if (id === 'new' && me.applies) return newApplicationPage(me);
  const data = await gql(ONE, { id });
  const wrap = h('div');
  const render = (a, message) => fill(wrap, detail(a, me, render, message));
  if (!data.application) return h('div', null, heading(`申请 ${id}`), infoBox('未找到该申请，或它不在您的职责范围内。'), h('p', null, h('a', { href: '#/applications' }, '返回申请列表')));
  render(data.application);
  return wrap;
}

function detail(a, me, rerender, message) {
  const providerOf = new Map(a.reviews.flatMap((r) => r.fields.map((f) => [f, r.provider])));
  return h('div', null,
    h('p', null, h('a', { href: '#/applications' }, '← 返回申请列表')),
    heading(`申请 ${a.id}`),
    message ? okBox(message) : null,
    h('section', { class: 'panel', 'aria-label': '申请概况' }, facts([
      ['状态', h('span', { 'data-testid': 'application-status' }, statusTag(a.status))],
      ['申请部门', dept(a.consumer)],
      ['经办人', a.submittedBy],
      ['提交时间', dateTime(a.submittedAt)],
      ['答复期限', due(a)],
      ['用途', h('code', null, a.purpose)],
      ['申请理由', a.justification],
      ['管辖范围', a.jurisdiction],
      ['申请有效期至', a.validUntil],
      a.decidedAt ? ['办结时间', dateTime(a.decidedAt)] : null,
      ['授权', a.grant ? h('span', null, h('a', { href: `#/grants/${encodeURIComponent(a.grant.id)}`, 'data-testid': 'application-grant' }, a.grant.id), ' ', a.grant.active ? tag('有效', 'ok') : tag('已失效', 'muted'), ` ${a.grant.validFrom} 至 ${a.grant.validUntil}`) : '（尚未生成）'],
    ])),
    h('section', { class: 'panel', 'aria-labelledby': 'fields-title' },
      h('h2', { id: 'fields-title' }, '申请的数据项'),
      table('申请的数据项及其提供部门', [
        { label: '数据项', cell: (f) => h('code', null, f) },
        { label: '提供部门', cell: (f) => deptShort(providerOf.get(f)) },
        { label: '要求明文（不脱敏）', cell: (f) => (a.unmasked.includes(f) ? '是' : '否') },
      ], a.fields)),
    h('section', { class: 'panel', 'aria-labelledby': 'reviews-title' },
      h('h2', { id: 'reviews-title' }, '各提供部门审查（联合审批）'),
      a.reviews.map((r) => review(a, r, me, rerender))),
    me.applies && me.department === a.consumer && a.status === 'PENDING' ? withdrawForm(a, rerender) : null,
    h('section', { class: 'panel', 'aria-labelledby': 'history-title' },
      h('h2', { id: 'history-title' }, '办理记录'),
      table('谁在何时做了什么', [
        { label: '时间', cell: (e) => dateTime(e.at) },
        { label: '操作人', cell: (e) => `${e.actor}（${deptShort(e.department)}）` },
        { label: '操作', cell: (e) => EVENT_ACTIONS[e.action] || e.action },
        { label: '说明', cell: (e) => e.note || '' },
      ], a.history)),
  );
}

function review(a, r, me, rerender) {
  const mine = me.decidesFor.includes(r.provider) && r.status === 'PENDING' && a.status === 'PENDING';
  return h('div', { class: 'panel', 'data-provider': r.provider },
    h('h3', null, `${dept(r.provider)}：`, tag(REVIEW_STATUS[r.status] || r.status, STATUS_TONE[r.status])),
    facts([
      ['涉及数据项', r.fields.join('、')],
      r.approvedFields ? ['同意的数据项', r.approvedFields.join('、') || '（无）'] : null,
      r.unmasked && r.status === 'APPROVED' ? ['同意明文', r.unmasked.join('、') || '（全部脱敏）'] : null,
      r.jurisdiction ? ['管辖范围', r.jurisdiction] : null,
      r.validUntil ? ['有效期至', r.validUntil] : null,
      r.decidedBy ? ['审查人', `${r.decidedBy}，${dateTime(r.decidedAt)}`] : null,
      r.reason ? ['理由', r.reason] : null,
    ]),
    mine ? decisionForms(a, r, rerender) : null);
}

/** Approve with narrowing (fewer fields, fewer unmasked, smaller jurisdiction, shorter validity) or reject with a reason. */
function decisionForms(a, r, rerender) {
  const error = h('div');
  const fieldBoxes = r.fields.map((f) => ({ f, box: h('input', { type: 'checkbox', name: 'fields', value: f, checked: true }) }));
  const unmaskable = a.unmasked.filter((f) => r.fields.includes(f));
  const unmaskBoxes = unmaskable.map((f) => ({ f, box: h('input', { type: 'checkbox', name: 'unmasked', value: f, checked: true }) }));
  const validUntil = h('input', { type: 'date', name: 'validUntil', value: a.validUntil, max: a.validUntil });
  const jurisdiction = h('input', { type: 'text', name: 'jurisdiction', value: a.jurisdiction, inputmode: 'numeric', pattern: '\\d{6}(\\d{3})?', size: 10 });
  const note = h('input', { type: 'text', name: 'note', size: 40 });
  const approve = h('button', { type: 'submit', class: 'primary' }, '同意');
  const approveForm = h('form', { 'aria-label': `同意 ${deptShort(r.provider)} 部分`, onsubmit: async (e) => {
    e.preventDefault();
    const fields = fieldBoxes.filter((x) => x.box.checked).map((x) => x.f);
    if (!fields.length) {
      fill(error, h('div', { class: 'msg error', role: 'alert' }, '至少选择一个数据项；若一项都不同意，请驳回。'));
      return;
    }
    const decision = {
      fields,
      unmasked: unmaskBoxes.filter((x) => x.box.checked && fields.includes(x.f)).map((x) => x.f),
      validUntil: validUntil.value || undefined,
      jurisdiction: jurisdiction.value.trim() || undefined,
      note: note.value.trim() || undefined,
    };
    const res = await act(approve, error, () => gql(APPROVE, { id: a.id, provider: r.provider, decision }), `已同意 ${a.id} 的 ${deptShort(r.provider)} 部分`);
    if (res) rerender(res.approveApplication, `已同意 ${deptShort(r.provider)} 部分。${res.approveApplication.grant ? `授权 ${res.approveApplication.grant.id} 已生效。` : '等待其他提供部门审查。'}`);
  } },
    h('h4', null, '同意（可缩小范围）'),
    h('fieldset', null, h('legend', null, '同意的数据项（取消勾选即不予提供）'), h('div', { class: 'checks' }, fieldBoxes.map(({ f, box }) => h('label', null, box, ' ', h('code', null, f))))),
    unmaskBoxes.length ? h('fieldset', null, h('legend', null, '同意明文提供（取消勾选即改为脱敏）'), h('div', { class: 'checks' }, unmaskBoxes.map(({ f, box }) => h('label', null, box, ' ', h('code', null, f))))) : null,
    h('div', { class: 'row' },
      jurisdictionField(jurisdiction),
      field('有效期至（可缩短）', validUntil),
      field('审查意见（可选）', note)),
    h('p', null, approve));
  const reason = h('textarea', { name: 'reason', rows: 2, 'aria-required': 'true' });
  const reject = h('button', { type: 'submit', class: 'danger primary' }, '驳回');
  const rejectForm = h('form', { 'aria-label': `驳回 ${deptShort(r.provider)} 部分`, onsubmit: async (e) => {
    e.preventDefault();
    if (!reason.value.trim()) {
      fill(error, h('div', { class: 'msg error', role: 'alert' }, '驳回须填写理由。'));
      reason.focus();
      return;
    }
    const res = await act(reject, error, () => gql(REJECT, { id: a.id, provider: r.provider, reason: reason.value.trim() }), `已驳回 ${a.id} 的 ${deptShort(r.provider)} 部分`);
    if (res) rerender(res.rejectApplication, `已驳回 ${deptShort(r.provider)} 部分。`);
  } },
    h('h4', null, '驳回'),
    field('驳回理由（必填，申请部门可见）', reason),
    h('p', null, reject));
  return h('div', { class: 'grid2' }, h('div', null, error, approveForm), rejectForm);
}

const jurisdictionField = (input) => field('管辖范围（可缩小，GB/T 2260 代码）', input);

function withdrawForm(a, rerender) {
  const error = h('div');
  const reason = h('input', { type: 'text', name: 'withdrawReason', size: 40 });
  const button = h('button', { type: 'submit', class: 'danger' }, '撤回申请');
  return h('form', { class: 'panel', 'aria-label': '撤回申请', onsubmit: async (e) => {
    e.preventDefault();
    const res = await act(button, error, () => gql(WITHDRAW, { id: a.id, reason: reason.value.trim() || null }), `已撤回 ${a.id}`);
    if (res) rerender(res.withdrawApplication, '申请已撤回。');
  } }, h('h2', null, '撤回（本部门申请）'), error, h('div', { class: 'row' }, field('撤回原因（可选）', reason), button));
}

/** A consumer applies for conditional fields: chosen from the catalog, grouped by provider (联合审批). */
async function newApplicationPage(me) {
  const conditional = (await catalogEntries()).filter((e) => e.sharing === 'CONDITIONAL');
  const byProvider = new Map();
  for (const e of conditional) byProvider.set(e.provider, [...(byProvider.get(e.provider) || []), e]);
  const error = h('div');
  const purpose = h('input', { type: 'text', name: 'purpose', size: 24, placeholder: '如 tax-audit', autocomplete: 'off' });
  const justification = h('textarea', { name: 'justification', rows: 3, 'aria-required': 'true' });
  const validUntil = h('input', { type: 'date', name: 'validUntil' });
  const jurisdiction = h('input', { type: 'text', name: 'jurisdiction', size: 10, placeholder: me.division, inputmode: 'numeric' });
  const boxes = conditional.map((e) => ({
    e,
    box: h('input', { type: 'checkbox', name: 'fields', value: e.path }),
    plain: e.mask ? h('input', { type: 'checkbox', name: 'unmasked', value: e.path, 'aria-label': `${e.path} 需要明文` }) : null,
  }));
  const submit = h('button', { type: 'submit', class: 'primary' }, '提交申请');
  const form = h('form', { 'aria-label': '新建申请', onsubmit: async (ev) => {
    ev.preventDefault();
    const chosen = boxes.filter((b) => b.box.checked);
    const problems = [];
    if (!purpose.value.trim()) problems.push('请填写用途代码（之后查询时以 X-Purpose 发送）。');
    if (!justification.value.trim()) problems.push('请填写申请理由（法律依据、已取得的授权或同意）。');
    if (!chosen.length) problems.push('请至少选择一个数据项。');
    if (problems.length) {
      fill(error, h('div', { class: 'msg error', role: 'alert' }, problems.join(' ')));
      return;
    }
    const input = {
      purpose: purpose.value.trim(),
      justification: justification.value.trim(),
      fields: chosen.map((b) => b.e.path),
      unmasked: chosen.filter((b) => b.plain && b.plain.checked).map((b) => b.e.path),
      jurisdiction: jurisdiction.value.trim() || undefined,
      validUntil: validUntil.value || undefined,
    };
    const res = await act(submit, error, () => gql(SUBMIT, { input }), (d) => `已提交申请 ${d.submitApplication.id}，答复期限 ${d.submitApplication.dueOn}`);
    if (res) location.hash = `#/applications/${encodeURIComponent(res.submitApplication.id)}`;
  } },
    error,
    h('div', { class: 'row' }, field('用途代码', purpose), field('管辖范围（可选，默认本部门）', jurisdiction), field('有效期至（可选，默认一年）', validUntil)),
    field('申请理由（必填，各提供部门可见）', justification),
    [...byProvider].map(([provider, entries]) => h('fieldset', { class: 'panel' },
      h('legend', null, `${dept(provider)} 的有条件共享数据项`),
      table(`${deptShort(provider)} 数据项`, [
        { label: '申请', cell: (e) => h('label', null, boxes.find((b) => b.e === e).box, ' ', h('code', null, e.path)) },
        { label: '说明', cell: (e) => e.description || '' },
        { label: '需要明文', cell: (e) => { const b = boxes.find((x) => x.e === e); return b.plain ? h('label', null, b.plain, ' 明文') : '—'; } },
      ], entries))),
    h('p', null, submit));
  return h('div', null,
    h('p', null, h('a', { href: '#/applications' }, '← 返回申请列表')),
    heading('新建申请'),
    h('p', { class: 'muted' }, `以 ${dept(me.department)} 的名义申请；涉及几个提供部门，就由几个部门各自审查（联合审批），全部办结后生成一个授权。`),
    form);
}
