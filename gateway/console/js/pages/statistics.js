// 统计: use and responsiveness per provider, with inline-SVG bar charts (no chart library).
import { gql } from '../api.js';
import { h, heading, table } from '../ui.js';
import { deptShort } from '../text.js';

const STATS = `query ConsoleStatistics { sharingStatistics { provider requests accessRecords consumers { department requests }
  openDataIssues resolvedDataIssues averageDataIssueHours pendingApplications overdueApplications averageApplicationWorkingDays } }`;

/** A horizontal bar chart; the numbers are also in the table beside it for screen readers. */
function bars(title, rows, tone) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const rowH = 26, labelW = 170, barW = 360, width = labelW + barW + 60;
  return h('svg:svg', { class: 'chart', role: 'img', 'aria-label': `${title}：${rows.map((r) => `${r.label} ${r.value}`).join('，')}`, width, height: rows.length * rowH + 10, viewBox: `0 0 ${width} ${rows.length * rowH + 10}` },
    rows.map((r, i) => [
      h('svg:text', { x: labelW - 8, y: i * rowH + 18, 'text-anchor': 'end' }, r.label),
      h('svg:rect', { class: `bar ${tone || ''}`, x: labelW, y: i * rowH + 5, height: rowH - 10, width: Math.max(1, Math.round((r.value / max) * barW)) }),
      h('svg:text', { x: labelW + Math.round((r.value / max) * barW) + 6, y: i * rowH + 18 }, String(r.value)),
    ]));
}

export async function statisticsPage() {
  const { sharingStatistics: stats } = await gql(STATS);
  const byConsumer = new Map();
  for (const s of stats) for (const c of s.consumers) byConsumer.set(c.department, (byConsumer.get(c.department) || 0) + c.requests);
  const consumers = [...byConsumer].sort((a, b) => b[1] - a[1]).map(([d, v]) => ({ label: deptShort(d), value: v }));
  return h('div', null,
    heading('统计（近 30 天）'),
    h('div', { class: 'grid2' },
      h('section', { class: 'panel', 'aria-labelledby': 's1' }, h('h2', { id: 's1' }, '各提供部门被请求次数'), bars('各提供部门被请求次数', stats.map((s) => ({ label: deptShort(s.provider), value: s.requests })))),
      h('section', { class: 'panel', 'aria-labelledby': 's2' }, h('h2', { id: 's2' }, '各使用部门请求次数（各提供部门合计）'), consumers.length ? bars('各使用部门请求次数', consumers) : h('p', { class: 'muted' }, '无')),
      h('section', { class: 'panel', 'aria-labelledby': 's3' }, h('h2', { id: 's3' }, '待审批 / 逾期申请'), bars('逾期申请', stats.map((s) => ({ label: deptShort(s.provider), value: s.overdueApplications })), 'bad'), bars('待审批申请', stats.map((s) => ({ label: deptShort(s.provider), value: s.pendingApplications })))),
    ),
    h('section', { class: 'panel', 'aria-labelledby': 's4' }, h('h2', { id: 's4' }, '明细'),
      table('各提供部门', [
        { label: '提供部门', cell: (s) => deptShort(s.provider) },
        { label: '请求', cell: (s) => s.requests },
        { label: '日志记录', cell: (s) => s.accessRecords },
        { label: '待审批申请', cell: (s) => s.pendingApplications },
        { label: '逾期申请', cell: (s) => s.overdueApplications },
        { label: '平均审批（工作日）', cell: (s) => (s.averageApplicationWorkingDays == null ? '—' : s.averageApplicationWorkingDays.toFixed(1)) },
        { label: '未办结纠错', cell: (s) => s.openDataIssues },
        { label: '已办结纠错', cell: (s) => s.resolvedDataIssues },
        { label: '平均办结（小时）', cell: (s) => (s.averageDataIssueHours == null ? '—' : s.averageDataIssueHours.toFixed(1)) },
      ], stats)));
}
