// 策略: a provider's fields with their sharing class, masking and legal basis (from the catalog),
// and "what does department X see" — the `govgraph policy explain` matrix, computed by the
// sharing subgraph from the policy it enforces (policyExplain). Changes are made on the 策略变更
// page (policyChanges.js).
import { gql } from '../api.js';
import { h, fill, pagedTable, heading, field, tag, errorBox, facts, infoBox } from '../ui.js';
import { SHARING, DEPARTMENTS, deptShort, dept, dateTime, beijingToIso, decision, decisionTone, reasonText } from '../text.js';
import { catalogEntries } from '../catalog.js';

const TONE = { UNCONDITIONAL: 'ok', CONDITIONAL: 'warn', NOT_SHARED: 'bad' };
/** explain's spelling of the classes (lib/policy/explain.ts) in Chinese. */
const CLASS = { unconditional: '无条件共享', conditional: '有条件共享', 'not-shared': '不予共享', unclassified: '未分类（默认不予共享）' };
const CLASS_TONE = { unconditional: 'ok', conditional: 'warn', 'not-shared': 'bad', unclassified: 'bad' };
const GRANT_STATE = { none: '未指定授权', valid: '有效', expired: '已过期或已撤销', 'purpose mismatch': '用途或使用部门不符', unknown: '未知授权' };
const PURPOSE_SOURCE = { given: '按输入', grant: '取自授权', default: '未指定（默认 explain）' };

const EXPLAIN = `query ConsolePolicyExplain($department: String!, $grantId: ID, $division: ID, $consumerDivision: ID, $purpose: String, $asOf: DateTime) {
  policyExplain(department: $department, grantId: $grantId, division: $division, consumerDivision: $consumerDivision, purpose: $purpose, asOf: $asOf) {
    department consumerDivision recordDivision purpose purposeSource grantId grantState grantDetail policyRevision asOf
    fields { path provider sharing personal view servedBy }
  }
}`;
const GRANTS = 'query ConsolePolicyGrants { grants { id consumer purpose active } }';

export async function policiesPage(me) {
  const entries = await catalogEntries();
  return h('div', null,
    heading('策略'),
    h('p', { class: 'muted' }, '字段的共享类型、脱敏与依据来自运行中的共享策略。', h('a', { href: '#/policy-changes' }, '提出或复核策略变更'), '（四眼原则）。'),
    providerSection(entries, me),
    await explainSection(entries));
}

/** 字段策略: every field one provider serves, as the catalog states it. */
function providerSection(entries, me) {
  const providers = [...new Set(entries.map((e) => e.provider))].sort();
  const initial = providers.includes(me.department) ? me.department : me.decidesFor.find((p) => providers.includes(p)) || providers[0];
  const provider = h('select', { name: 'policy-provider' }, providers.map((p) => h('option', { value: p, selected: p === initial }, deptShort(p))));
  const sharing = h('select', { name: 'policy-sharing' }, h('option', { value: '' }, '全部'), Object.entries(SHARING).map(([v, l]) => h('option', { value: v }, l)));
  const results = h('div', { 'aria-live': 'polite', 'data-testid': 'provider-fields' });
  const render = () => {
    const rows = entries.filter((e) => e.provider === provider.value && (!sharing.value || e.sharing === sharing.value));
    const count = (s) => rows.filter((e) => e.sharing === s).length;
    fill(results,
      h('p', { 'data-testid': 'provider-summary' }, `${dept(provider.value)}：${rows.length} 个数据项` + (sharing.value ? '' : `（无条件 ${count('UNCONDITIONAL')}，有条件 ${count('CONDITIONAL')}，不予共享 ${count('NOT_SHARED')}）`)),
      pagedTable({
        caption: `${deptShort(provider.value)}提供的数据项`,
        rows,
        pageSize: 30,
        columns: [
          { label: '数据项', cell: (e) => h('code', null, e.path) },
          { label: '说明', cell: (e) => e.description || '' },
          { label: '共享类型', cell: (e) => tag(SHARING[e.sharing] || e.sharing, TONE[e.sharing]) },
          { label: '个人信息', cell: (e) => (e.personal ? '是' : '否') },
          { label: '脱敏规则', cell: (e) => e.mask || '—' },
          { label: '共享条件', cell: (e) => e.conditions || '—' },
          { label: '不予共享依据', cell: (e) => e.legalBasis || '—' },
        ],
      }));
  };
  provider.addEventListener('input', render);
  sharing.addEventListener('input', render);
  render();
  return h('section', { class: 'panel', 'aria-labelledby': 'provider-policy-title' },
    h('h2', { id: 'provider-policy-title' }, '字段策略'),
    h('form', { class: 'row', role: 'search', 'aria-label': '选择提供部门', onsubmit: (e) => e.preventDefault() },
      field('提供部门', provider), field('共享类型', sharing)),
    results);
}

/** 某部门可见范围: the explain matrix for a consumer, grant, jurisdiction, purpose and date. */
async function explainSection(entries) {
  let grants = [];
  try {
    grants = (await gql(GRANTS)).grants;
  } catch {
    // The list only fills the suggestions; any grant id may still be typed.
  }
  const consumers = Object.keys(DEPARTMENTS).filter((d) => d !== 'big-data-center');
  const inputs = {
    department: h('select', { name: 'explain-department', 'aria-required': 'true' }, consumers.map((d) => h('option', { value: d, selected: d === 'civil-affairs' }, deptShort(d)))),
    grantId: h('input', { type: 'text', name: 'explain-grant', size: 16, list: 'explain-grants', placeholder: '如 G-DEMO-0001（可空）', autocomplete: 'off' }),
    consumerDivision: h('input', { type: 'text', name: 'explain-consumer-division', size: 8, inputmode: 'numeric', placeholder: '默认 320100' }),
    division: h('input', { type: 'text', name: 'explain-division', size: 8, inputmode: 'numeric', placeholder: '默认同上' }),
    purpose: h('input', { type: 'text', name: 'explain-purpose', size: 18, placeholder: '默认取授权的用途' }),
    asOf: h('input', { type: 'datetime-local', name: 'explain-as-of' }),
  };
  const datalist = h('datalist', { id: 'explain-grants' }, grants.map((g) => h('option', { value: g.id }, `${deptShort(g.consumer)} · ${g.purpose}${g.active ? '' : '（已失效）'}`)));
  const submit = h('button', { type: 'submit', class: 'primary' }, '计算可见范围');
  const error = h('div');
  const results = h('div', { 'aria-live': 'polite', 'data-testid': 'explain-results' });

  async function run() {
    error.replaceChildren();
    const asOfRaw = inputs.asOf.value;
    const asOf = beijingToIso(asOfRaw);
    if (asOfRaw && !asOf) {
      fill(error, h('div', { class: 'msg error', role: 'alert' }, '日期时间无效，请重新选择。'));
      return;
    }
    const v = (k) => inputs[k].value.trim() || undefined;
    const variables = { department: inputs.department.value, grantId: v('grantId'), consumerDivision: v('consumerDivision'), division: v('division'), purpose: v('purpose'), asOf };
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    fill(results, h('p', { class: 'muted' }, '正在计算…'));
    try {
      const { policyExplain } = await gql(EXPLAIN, variables);
      fill(results, matrix(policyExplain, entries));
    } catch (err) {
      results.replaceChildren();
      fill(error, errorBox(err));
    } finally {
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
    }
  }

  const form = h('form', { class: 'row', 'aria-label': '计算某部门的可见范围', onsubmit: (e) => { e.preventDefault(); run(); } },
    field('使用部门', inputs.department),
    field('授权编号', inputs.grantId),
    field('使用部门管辖区划', inputs.consumerDivision),
    field('所读记录的区划', inputs.division),
    field('用途', inputs.purpose),
    field('时点（北京时间，默认现在）', inputs.asOf),
    datalist,
    submit);
  return h('section', { class: 'panel', 'aria-labelledby': 'explain-title' },
    h('h2', { id: 'explain-title' }, '某部门可见范围'),
    h('p', { class: 'muted' }, '与命令行 govgraph policy explain 相同的计算：在指定授权、管辖区划、用途和时点下，该部门读取每个数据项时得到完整值、脱敏值还是被拒绝。'),
    form, error, results);
}

/** The matrix: header facts, then a table filterable by view, provider and text. */
function matrix(e, entries) {
  const descriptions = new Map(entries.map((c) => [c.path, c.description]));
  const kind = (view) => view.replace(/\(.*$/, '');
  const count = (k) => e.fields.filter((f) => kind(f.view) === k).length;
  const viewFilter = h('select', { name: 'explain-view' }, h('option', { value: '' }, '全部'), h('option', { value: 'full' }, '完整返回'), h('option', { value: 'masked' }, '脱敏返回'), h('option', { value: 'denied' }, '拒绝'));
  const providers = [...new Set(e.fields.map((f) => f.provider))].sort();
  const providerFilter = h('select', { name: 'explain-provider' }, h('option', { value: '' }, '全部'), providers.map((p) => h('option', { value: p }, p === '(unclassified)' ? '（未分类）' : deptShort(p))));
  const search = h('input', { type: 'search', name: 'explain-search', size: 20, placeholder: '如 Person.phone' });
  const personalOnly = h('input', { type: 'checkbox', name: 'explain-personal' });
  const table = h('div');
  const render = () => {
    const q = search.value.trim().toLowerCase();
    const rows = e.fields.filter((f) =>
      (!viewFilter.value || kind(f.view) === viewFilter.value) &&
      (!providerFilter.value || f.provider === providerFilter.value) &&
      (!personalOnly.checked || f.personal) &&
      (!q || f.path.toLowerCase().includes(q) || (descriptions.get(f.path) || '').toLowerCase().includes(q)));
    fill(table, pagedTable({
      caption: `${deptShort(e.department)}可见范围`,
      rows,
      pageSize: 50,
      empty: '没有符合条件的数据项。',
      columns: [
        { label: '数据项', cell: (f) => h('code', null, f.path) },
        { label: '提供部门', cell: (f) => (f.provider === '(unclassified)' ? '（未分类）' : deptShort(f.provider)) },
        { label: '共享类型', cell: (f) => tag(CLASS[f.sharing] || f.sharing, CLASS_TONE[f.sharing]) },
        { label: '个人信息', cell: (f) => (f.personal ? '是' : '否') },
        { label: '可见性', cell: (f) => {
          const reason = /^denied\((.*)\)$/.exec(f.view);
          return h('span', { 'data-view': f.view, 'data-path': f.path }, tag(decision(f.view), decisionTone(f.view)), reason ? h('small', { class: 'muted' }, ` ${reasonText(reason[1])}`) : null);
        } },
        { label: '服务子图', cell: (f) => f.servedBy },
      ],
    }));
  };
  for (const el of [viewFilter, providerFilter, search, personalOnly]) el.addEventListener('input', render);
  render();
  return h('div', null,
    h('div', { 'data-testid': 'explain-header' }, facts([
      ['使用部门', `${dept(e.department)}，管辖 ${e.consumerDivision}`],
      ['所读记录的区划', e.recordDivision],
      ['用途', `${e.purpose}（${PURPOSE_SOURCE[e.purposeSource] || e.purposeSource}）`],
      ['授权', e.grantId ? h('span', null, tag(`${e.grantId}：${GRANT_STATE[e.grantState] || e.grantState}`, e.grantState === 'valid' ? 'ok' : 'bad'), h('small', { class: 'muted' }, ` ${e.grantDetail}`)) : `${GRANT_STATE.none}：有条件共享的数据项须有授权`],
      ['策略版本', h('code', { 'data-testid': 'policy-revision' }, e.policyRevision)],
      ['时点', dateTime(e.asOf)],
    ])),
    h('p', { 'data-testid': 'explain-summary' }, `共 ${e.fields.length} 个数据项：完整返回 ${count('full')}，脱敏返回 ${count('masked')}，拒绝 ${count('denied')}。`),
    e.grantId && e.grantState !== 'valid' ? infoBox('该授权当前不生效：有条件共享的数据项按无授权计算。') : null,
    h('form', { class: 'row', role: 'search', 'aria-label': '筛选可见范围', onsubmit: (ev) => ev.preventDefault() },
      field('可见性', viewFilter), field('提供部门', providerFilter), field('数据项', search), h('label', { class: 'field' }, h('span', null, '仅个人信息'), personalOnly)),
    table);
}
