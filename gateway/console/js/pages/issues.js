// 数据纠错: data-quality reports routed to their authoritative provider; acknowledge and resolve.
import { gql } from '../api.js';
import { h, fill, act, pagedTable, heading, field, errorBox, tag, facts } from '../ui.js';
import { ISSUE_STATUS, ISSUE_OUTCOME, deptShort, dateTime } from '../text.js';

const ISSUE = 'id path subjectKey description provider reporter reporterDepartment reportedAt status acknowledgedAt acknowledgedBy outcome resolution resolvedAt resolvedBy';
const LIST = `query ConsoleIssues($status: DataIssueStatus) { dataIssues(status: $status) { ${ISSUE} } }`;
const ACK = `mutation ConsoleAck($id: ID!, $note: String) { acknowledgeDataIssue(id: $id, note: $note) { ${ISSUE} } }`;
const RESOLVE = `mutation ConsoleResolve($id: ID!, $outcome: DataIssueOutcome!, $resolution: String!) { resolveDataIssue(id: $id, outcome: $outcome, resolution: $resolution) { ${ISSUE} } }`;
const TONE = { OPEN: 'warn', ACKNOWLEDGED: 'warn', RESOLVED: 'ok' };

export async function issuesPage(me) {
  const error = h('div');
  const results = h('div', { 'aria-live': 'polite' });
  const detailSlot = h('div');
  const status = h('select', { name: 'status', onchange: () => load() }, h('option', { value: '' }, '全部'), Object.entries(ISSUE_STATUS).map(([v, l]) => h('option', { value: v }, l)));
  async function load() {
    error.replaceChildren();
    try {
      const { dataIssues } = await gql(LIST, { status: status.value || null });
      fill(results, pagedTable({
        caption: '纠错报告',
        rows: dataIssues,
        columns: [
          { label: '编号', cell: (i) => h('button', { type: 'button', class: 'link', onclick: () => show(i) }, i.id) },
          { label: '数据项', cell: (i) => h('code', null, i.path) },
          { label: '主体', cell: (i) => i.subjectKey },
          { label: '提供部门', cell: (i) => deptShort(i.provider) },
          { label: '报告部门', cell: (i) => deptShort(i.reporterDepartment) },
          { label: '报告时间', cell: (i) => dateTime(i.reportedAt) },
          { label: '状态', cell: (i) => tag(ISSUE_STATUS[i.status] || i.status, TONE[i.status]) },
        ],
        empty: '没有纠错报告。',
      }));
    } catch (err) {
      fill(error, errorBox(err));
    }
  }
  function show(i) {
    const mine = me.answersReportsFor.includes(i.provider);
    const slotError = h('div');
    const note = h('input', { type: 'text', name: 'note', size: 30 });
    const ackButton = h('button', { type: 'submit', class: 'primary' }, '受理');
    const outcome = h('select', { name: 'outcome' }, Object.entries(ISSUE_OUTCOME).map(([v, l]) => h('option', { value: v }, l)));
    const resolution = h('input', { type: 'text', name: 'resolution', size: 40, 'aria-required': 'true' });
    const resolveButton = h('button', { type: 'submit', class: 'primary' }, '办结');
    // The status line has said what happened (act); the detail shows the new state.
    const after = (res, key) => { if (res) { show(res[key]); load(); } };
    fill(detailSlot, h('section', { class: 'panel', 'aria-labelledby': 'issue-title' },
      h('h2', { id: 'issue-title', tabindex: '-1' }, `纠错报告 ${i.id}`),
      slotError,
      facts([
        ['数据项', h('code', null, i.path)], ['主体', i.subjectKey], ['描述', i.description],
        ['提供部门', deptShort(i.provider)], ['报告人', `${i.reporter}（${deptShort(i.reporterDepartment)}），${dateTime(i.reportedAt)}`],
        ['状态', ISSUE_STATUS[i.status]],
        i.acknowledgedAt ? ['受理', `${i.acknowledgedBy}，${dateTime(i.acknowledgedAt)}`] : null,
        i.resolvedAt ? ['办结', `${i.resolvedBy}，${dateTime(i.resolvedAt)}：${ISSUE_OUTCOME[i.outcome] || i.outcome}，${i.resolution}`] : null,
      ]),
      mine && i.status === 'OPEN' ? h('form', { class: 'row', 'aria-label': '受理', onsubmit: async (e) => { e.preventDefault(); after(await act(ackButton, slotError, () => gql(ACK, { id: i.id, note: note.value.trim() || null }), `已受理 ${i.id}`), 'acknowledgeDataIssue'); } },
        field('受理说明（可选）', note), ackButton) : null,
      mine && i.status !== 'RESOLVED' ? h('form', { class: 'row', 'aria-label': '办结', onsubmit: async (e) => { e.preventDefault(); if (!resolution.value.trim()) { fill(slotError, h('div', { class: 'msg error', role: 'alert' }, '办结须填写处理结果。')); return; } after(await act(resolveButton, slotError, () => gql(RESOLVE, { id: i.id, outcome: outcome.value, resolution: resolution.value.trim() }), `已办结 ${i.id}`), 'resolveDataIssue'); } },
        field('结论', outcome), field('处理结果（必填）', resolution), resolveButton) : null));
    document.getElementById('issue-title').focus();
  }
  load();
  return h('div', null,
    heading('数据纠错'),
    h('p', { class: 'muted' }, '使用部门报告的疑似数据差错，按“一数一源”转给权威提供部门受理、办结。'),
    h('div', { class: 'panel row' }, field('状态', status)),
    error, detailSlot, results);
}
