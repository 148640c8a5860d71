// 授权: list and filter grants, a grant's fields and validity, revoke with a reason.
import { gql } from '../api.js';
import { h, fill, act, pagedTable, facts, tag, heading, field, errorBox, okBox, infoBox, table } from '../ui.js';
import { dept, deptShort, dateTime } from '../text.js';
import { providersOf } from '../catalog.js';

const GRANT_FIELDS = 'id origin applicationId consumer purpose fields unmasked jurisdiction validFrom validUntil approvedBy active revokedAt revokedBy revokeReason';
const LIST = `query ConsoleGrants($consumer: String, $active: Boolean) { grants(consumer: $consumer, active: $active) { ${GRANT_FIELDS} } }`;
const ONE = `query ConsoleGrant($id: ID!) { grant(id: $id) { ${GRANT_FIELDS} } }`;
const REVOKE = `mutation ConsoleRevoke($id: ID!, $reason: String!) { revokeGrant(id: $id, reason: $reason) { ${GRANT_FIELDS} } }`;

const ORIGIN = { FILE: '策略文件', WORKFLOW: '申请审批' };
const grantState = (g) => (g.revokedAt ? tag('已撤销', 'bad') : g.active ? tag('有效', 'ok') : tag('未生效或已过期', 'muted'));

const state = { consumer: '', active: 'true' };

export async function grantsPage(me) {
  const error = h('div');
  const results = h('div', { 'aria-live': 'polite' });
  const consumer = h('input', { type: 'text', name: 'consumer', value: state.consumer, placeholder: '如 civil-affairs', size: 16 });
  const active = h('select', { name: 'active' }, h('option', { value: '' }, '全部'), h('option', { value: 'true' }, '有效'), h('option', { value: 'false' }, '已撤销或不在有效期'));
  active.value = state.active;
  const search = h('button', { type: 'submit', class: 'primary' }, '查询');

  async function load() {
    state.consumer = consumer.value.trim();
    state.active = active.value;
    fill(results, h('p', { class: 'muted' }, '正在加载…'));
    error.replaceChildren();
    try {
      const { grants } = await gql(LIST, { consumer: state.consumer || null, active: state.active === '' ? null : state.active === 'true' });
      fill(results, pagedTable({
        caption: '授权列表',
        rows: grants,
        columns: [
          { label: '授权编号', cell: (g) => h('a', { href: `#/grants/${encodeURIComponent(g.id)}` }, g.id) },
          { label: '使用部门', cell: (g) => deptShort(g.consumer) },
          { label: '用途', cell: (g) => g.purpose },
          { label: '数据项', cell: (g) => `${g.fields.length} 项${g.unmasked.length ? `（${g.unmasked.length} 项明文）` : ''}` },
          { label: '有效期', cell: (g) => `${g.validFrom} 至 ${g.validUntil}` },
          { label: '状态', cell: grantState },
          { label: '来源', cell: (g) => ORIGIN[g.origin] || g.origin },
        ],
        empty: '没有符合条件的授权。',
      }));
    } catch (err) {
      results.replaceChildren();
      fill(error, errorBox(err));
    }
  }
  load();
  return h('div', null,
    heading('授权'),
    h('p', { class: 'muted' }, me.platformOperator ? '平台运营方可查看全部授权。' : '显示本部门获得的授权，以及涉及本部门数据的授权。'),
    h('form', { class: 'panel row', role: 'search', 'aria-label': '筛选授权', onsubmit: (e) => { e.preventDefault(); load(); } },
      field('使用部门代码', consumer), field('状态', active), search),
    error, results);
}

export async function grantPage(id, me) {
  const { grant } = await gql(ONE, { id });
  if (!grant) return h('div', null, heading(`授权 ${id}`), infoBox('未找到该授权，或它不在您的职责范围内。'), h('p', null, h('a', { href: '#/grants' }, '返回授权列表')));
  const wrap = h('div');
  const providers = await providersOf(grant.fields).catch(() => []);
  const render = (g, message) => fill(wrap, detail(g, me, providers, render, message));
  render(grant);
  return wrap;
}

function detail(g, me, providers, rerender, message) {
  const officerMay = providers.some((p) => me.decidesFor.includes(p));
  const consumerMay = me.applies && me.department === g.consumer;
  const revocable = g.origin === 'WORKFLOW' && !g.revokedAt && (officerMay || consumerMay);
  return h('div', null,
    h('p', null, h('a', { href: '#/grants' }, '← 返回授权列表')),
    heading(`授权 ${g.id}`),
    message ? okBox(message) : null,
    h('section', { class: 'panel', 'aria-label': '授权概况' }, facts([
      ['状态', h('span', { 'data-testid': 'grant-state' }, grantState(g))],
      ['使用部门', dept(g.consumer)],
      ['用途', h('code', null, g.purpose)],
      ['管辖范围', g.jurisdiction],
      ['有效期', `${g.validFrom} 至 ${g.validUntil}`],
      ['批准', g.approvedBy],
      ['来源', g.applicationId ? h('span', null, `${ORIGIN[g.origin]} `, h('a', { href: `#/applications/${encodeURIComponent(g.applicationId)}` }, g.applicationId)) : ORIGIN[g.origin] || g.origin],
      ['涉及提供部门', providers.map(deptShort).join('、')],
      g.revokedAt ? ['撤销', `${g.revokedBy}，${dateTime(g.revokedAt)}`] : null,
      g.revokeReason ? ['撤销理由', h('span', { 'data-testid': 'grant-revoke-reason' }, g.revokeReason)] : null,
    ])),
    h('section', { class: 'panel', 'aria-labelledby': 'gfields' },
      h('h2', { id: 'gfields' }, '授权的数据项'),
      table('授权的数据项', [
        { label: '数据项', cell: (f) => h('code', null, f) },
        { label: '提供方式', cell: (f) => (g.unmasked.includes(f) ? '明文' : '按策略脱敏') },
      ], g.fields)),
    revocable ? revokeForm(g, rerender) : g.origin === 'FILE' && !g.revokedAt
      ? infoBox('此授权来自策略文件（policies/grants/），请通过修改文件撤销。')
      : null);
}

function revokeForm(g, rerender) {
  const error = h('div');
  const reason = h('textarea', { name: 'reason', rows: 2, 'aria-required': 'true' });
  const button = h('button', { type: 'submit', class: 'danger primary' }, '撤销授权');
  return h('form', { class: 'panel', 'aria-labelledby': 'revoke-title', onsubmit: async (e) => {
    e.preventDefault();
    if (!reason.value.trim()) {
      fill(error, h('div', { class: 'msg error', role: 'alert' }, '撤销须填写理由。'));
      reason.focus();
      return;
    }
    const res = await act(button, error, () => gql(REVOKE, { id: g.id, reason: reason.value.trim() }), `已撤销授权 ${g.id}`);
    if (res) rerender(res.revokeGrant, '授权已撤销，各部门将在数秒内停止依据它提供数据。');
  } },
    h('h2', { id: 'revoke-title' }, '撤销授权'),
    error,
    field('撤销理由（必填）', reason),
    h('p', null, button));
}

