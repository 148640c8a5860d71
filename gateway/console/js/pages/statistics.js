// 统计: use and responsiveness per provider, with inline-SVG bar charts (no chart library).
import { gql } from '../api.js';
import { h, heading, table } from '../ui.js';
import { deptShort } from '../text.js';

const TREND = 'query ConsoleApplicationTrend { applicationTrend { date submitted approved partiallyApproved rejected withdrawn pending } }';
/** The series of the applications chart: label, colour class (console.css), value of a day. */
const SERIES = [
  { key: 'pending', label: '待审批（日终）', cls: 's-pending', value: (d) => d.pending },
  { key: 'submitted', label: '新提交', cls: 's-submitted', value: (d) => d.submitted },
  { key: 'approved', label: '批准（含部分批准）', cls: 's-approved', value: (d) => d.approved + d.partiallyApproved },
  { key: 'rejected', label: '驳回', cls: 's-rejected', value: (d) => d.rejected },
  { key: 'withdrawn', label: '撤回', cls: 's-withdrawn', value: (d) => d.withdrawn },
];

/** Applications by state per day: one line per series; the numbers are also in the table below it. */
function trendChart(days) {
  const width = 640, height = 220, left = 36, right = 10, top = 10, bottom = 28;
  const max = Math.max(1, ...days.flatMap((d) => SERIES.map((s) => s.value(d))));
  const x = (i) => left + (days.length > 1 ? (i * (width - left - right)) / (days.length - 1) : 0);
  const y = (v) => top + (height - top - bottom) * (1 - v / max);
  const total = (s) => days.reduce((n, d) => n + s.value(d), 0);
  const last = days[days.length - 1];
  const summary = `${days[0].date} 至 ${last.date}：` + SERIES.slice(1).map((s) => `${s.label} ${total(s)}`).join('，') + `；${last.date} 日终待审批 ${last.pending}`;
  const ticks = [0, Math.round(max / 2), max].filter((v, i, a) => a.indexOf(v) === i);
  return h('div', null,
    h('svg:svg', { class: 'chart', role: 'img', 'aria-label': `每日申请情况：${summary}`, 'data-testid': 'trend-chart', width, height, viewBox: `0 0 ${width} ${height}` },
      ticks.map((v) => [h('svg:line', { class: 'axis', x1: left, x2: width - right, y1: y(v), y2: y(v) }), h('svg:text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end' }, String(v))]),
      [0, Math.floor((days.length - 1) / 2), days.length - 1].filter((v, i, a) => a.indexOf(v) === i).map((i) =>
        h('svg:text', { x: x(i), y: height - 8, 'text-anchor': i === 0 ? 'start' : i === days.length - 1 ? 'end' : 'middle' }, days[i].date.slice(5))),
      SERIES.map((s) => h('svg:polyline', { class: `series ${s.cls}`, 'data-series': s.key, points: days.map((d, i) => `${x(i).toFixed(1)},${y(s.value(d)).toFixed(1)}`).join(' ') }))),
    h('ul', { class: 'legend', 'aria-hidden': 'true' }, SERIES.map((s) => h('li', null, h('span', { class: `swatch ${s.cls}` }, ''), s.label))),
    h('p', { class: 'muted', 'data-testid': 'trend-summary' }, summary),
    h('details', null, h('summary', null, '逐日数据'),
      table('每日申请情况', [
        { label: '日期', cell: (d) => d.date },
        ...SERIES.map((s) => ({ label: s.label, cell: (d) => s.value(d) })),
      ], [...days].reverse())));
}

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
  const [{ sharingStatistics: stats }, { applicationTrend: days }] = await Promise.all([gql(STATS), gql(TREND)]);
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
    h('section', { class: 'panel', 'aria-labelledby': 's5' }, h('h2', { id: 's5' }, '申请按状态逐日变化'),
      h('p', { class: 'muted' }, '按北京时间的日期：当日新提交、当日作出的最终决定（批准、驳回、撤回）和当日结束时仍待审批的申请数；只计您可见的申请。'),
      trendChart(days)),
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
