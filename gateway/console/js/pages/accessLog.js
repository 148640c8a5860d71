// 访问日志: search the access log (server-side, keyset-paginated), a record's detail, integrity and verify.
import { gql } from '../api.js';
import { h, fill, act, notify, facts, tag, heading, field, errorBox, table, infoBox } from '../ui.js';
import { deptShort, dept, dateTime, beijingToIso, decision, decisionTone } from '../text.js';

const RECORD = 'id cursor requestId at kind provider service seq user department division purpose grantId policyRevision operationName operationHash reads { decision fields subjects }';
const SEARCH = `query ConsoleAccessLog($filter: AccessLogFilter, $first: Int, $after: String) { accessLog(filter: $filter, first: $first, after: $after) { records { ${RECORD} } nextCursor } }`;
// 立即校验 runs in the background on the server (the walk is linear in the log): start it, then
// read the newest run until it has ended (subgraphs/sharing/verificationRuns.ts).
const RUN = 'id state requestedBy requestedByDepartment startedAt finishedAt intact records chains checkpoints lastCheckpointAt problems { kind writer seq recordId detail } error';
const START_VERIFY = `mutation ConsoleStartVerify { startAccessLogVerification { ${RUN} } }`;
const LATEST_VERIFY = `query ConsoleVerification { accessLogVerification { ${RUN} } }`;
/** How often a running verify is looked at. */
const POLL_MS = 1000;
const PAGE = 20;
/** Reading the log is itself logged, with this purpose. */
const PURPOSE = 'audit';

export async function accessLogPage() {
  const error = h('div');
  const results = h('div', { 'aria-live': 'polite' });
  const detailSlot = h('div');
  const inputs = {
    subject: h('input', { type: 'text', name: 'subject', size: 20, placeholder: '18 位', autocomplete: 'off' }),
    department: h('input', { type: 'text', name: 'department', size: 14, placeholder: '如 civil-affairs' }),
    user: h('input', { type: 'text', name: 'user', size: 12 }),
    provider: h('input', { type: 'text', name: 'provider', size: 14, placeholder: '如 public-security' }),
    field: h('input', { type: 'text', name: 'field', size: 16, placeholder: '如 Person.phone' }),
    decision: h('select', { name: 'decision' }, h('option', { value: '' }, '全部'), h('option', { value: 'full' }, '完整返回'), h('option', { value: 'masked' }, '脱敏返回'), h('option', { value: 'denied' }, '拒绝')),
    kind: h('select', { name: 'kind' }, h('option', { value: 'DATA' }, '数据访问'), h('option', { value: 'AUDIT_READ' }, '日志查阅'), h('option', { value: '' }, '全部')),
    requestId: h('input', { type: 'text', name: 'requestId', size: 16 }),
    purpose: h('input', { type: 'text', name: 'purpose', size: 16, placeholder: '如 dibao-verification' }),
    grantId: h('input', { type: 'text', name: 'grantId', size: 14, placeholder: '如 G-DEMO-0001' }),
    from: h('input', { type: 'datetime-local', name: 'from' }),
    to: h('input', { type: 'datetime-local', name: 'to' }),
  };
  const search = h('button', { type: 'submit', class: 'primary' }, '检索');
  let cursors = [null]; // cursors[i] = the `after` of page i
  let page = 0;
  let filter = {};

  const readFilter = () => {
    const f = {};
    for (const k of ['subject', 'department', 'user', 'provider', 'field', 'purpose', 'grantId', 'decision', 'kind', 'requestId']) {
      const v = inputs[k].value.trim();
      if (v) f[k] = v;
    }
    const from = beijingToIso(inputs.from.value);
    const to = beijingToIso(inputs.to.value);
    if (from) f.from = from;
    if (to) f.to = to;
    return f;
  };

  async function load() {
    fill(results, h('p', { class: 'muted' }, '正在检索…'));
    error.replaceChildren();
    search.disabled = true;
    try {
      const { accessLog } = await gql(SEARCH, { filter, first: PAGE, after: cursors[page] }, { purpose: PURPOSE });
      cursors[page + 1] = accessLog.nextCursor;
      fill(results,
        table(`检索结果 · 第 ${page + 1} 页（按时间倒序，每页 ${PAGE} 条）`, [
          { label: '时间（北京时间）', cell: (r) => h('button', { type: 'button', class: 'link', onclick: () => showRecord(r), 'aria-label': `查看 ${dateTime(r.at)} 的记录详情` }, dateTime(r.at)) },
          { label: '提供部门', cell: (r) => deptShort(r.provider) },
          { label: '访问者', cell: (r) => `${r.user}（${deptShort(r.department)}）` },
          { label: '用途', cell: (r) => r.purpose || '—' },
          { label: '授权', cell: (r) => r.grantId || '—' },
          { label: '决定', cell: (r) => [...new Set(r.reads.map((x) => x.decision))].map((d) => tag(decision(d), decisionTone(d))) },
          { label: '涉及主体', cell: (r) => { const s = [...new Set(r.reads.flatMap((x) => x.subjects))]; return s.length > 2 ? `${s.slice(0, 2).join('、')} 等 ${s.length} 个` : s.join('、') || '—'; } },
        ], accessLog.records, '没有符合条件的记录。'),
        h('div', { class: 'pager', role: 'navigation', 'aria-label': '检索结果分页' },
          h('button', { type: 'button', disabled: page === 0, onclick: () => { page--; load(); } }, '上一页'),
          h('span', null, `第 ${page + 1} 页`),
          h('button', { type: 'button', disabled: !accessLog.nextCursor, onclick: () => { page++; load(); } }, '下一页')));
    } catch (err) {
      results.replaceChildren();
      fill(error, errorBox(err));
    } finally {
      search.disabled = false;
    }
  }

  function showRecord(r) {
    fill(detailSlot, h('section', { class: 'panel', 'aria-labelledby': 'record-title', 'data-testid': 'record-detail' },
      h('h2', { id: 'record-title', tabindex: '-1' }, `访问记录 ${r.id}`),
      facts([
        ['时间', dateTime(r.at)],
        ['类型', r.kind === 'DATA' ? '数据访问' : '日志查阅'],
        ['请求号', h('code', null, r.requestId)],
        ['提供部门', `${dept(r.provider)}，子图 ${r.service}`],
        ['访问者', `${r.user}，${dept(r.department)}，管辖 ${r.division}`],
        ['用途', r.purpose],
        ['授权', r.grantId],
        ['策略版本', h('code', null, r.policyRevision)],
        ['操作', r.operationName],
        ['操作文档 SHA-256', r.operationHash ? h('code', null, r.operationHash) : null],
        ['链位置', `${r.service} #${r.seq}`],
      ]),
      table('读取明细', [
        { label: '决定', cell: (x) => tag(decision(x.decision), decisionTone(x.decision)) },
        { label: '数据项', cell: (x) => x.fields.join('、') },
        { label: '主体', cell: (x) => x.subjects.join('、') },
      ], r.reads),
      h('p', null, h('button', { type: 'button', onclick: () => detailSlot.replaceChildren() }, '关闭详情'))));
    document.getElementById('record-title').focus();
  }

  const form = h('form', { class: 'panel', role: 'search', 'aria-label': '检索访问日志', onsubmit: (e) => {
    e.preventDefault();
    filter = readFilter();
    cursors = [null];
    page = 0;
    detailSlot.replaceChildren();
    load();
  } },
    h('div', { class: 'row' },
      field('主体（身份号码 / 统一社会信用代码 / 户号）', inputs.subject),
      field('访问部门', inputs.department),
      field('用户', inputs.user),
      field('提供部门', inputs.provider),
      field('数据项', inputs.field),
      field('用途', inputs.purpose),
      field('授权编号', inputs.grantId)),
    h('div', { class: 'row' },
      field('决定', inputs.decision),
      field('类型', inputs.kind),
      field('请求号', inputs.requestId),
      field('起（北京时间）', inputs.from),
      field('止（北京时间）', inputs.to),
      search),
    h('p', { class: 'muted' }, '用途与授权编号须完全一致。您的每次检索本身也会记入访问日志。'));

  return h('div', null,
    heading('访问日志'),
    integrityPanel(),
    form, error, detailSlot, results);
}

function integrityPanel() {
  const slot = h('div', { 'aria-live': 'polite' });
  const error = h('div');
  const button = h('button', { type: 'button', class: 'primary' }, '立即校验');
  const checkpoint = (run) => h('p', { 'data-testid': 'last-checkpoint' }, run.lastCheckpointAt ? `最新签名检查点：${dateTime(run.lastCheckpointAt)}（平台在有新记录时每分钟校验并签名一次）` : '最新签名检查点：尚无（平台在有新记录后一分钟内签名第一个）');
  const who = (run) => `${run.requestedBy}（${deptShort(run.requestedByDepartment)}）`;
  const show = (run) => {
    if (!run) {
      fill(slot, infoBox('尚未校验过。校验会在服务器上重新计算每条哈希链，并与签名检查点和见证的链头比对；日志越大耗时越长，完成前可继续使用本页。'));
      return;
    }
    if (run.state === 'RUNNING') {
      const seconds = Math.max(0, Math.round((Date.now() - Date.parse(run.startedAt)) / 1000));
      fill(slot, h('div', { 'data-testid': 'integrity' },
        h('div', { class: 'msg info', role: 'status' }, `校验中：已用 ${seconds} 秒（${who(run)} 于 ${dateTime(run.startedAt)} 发起）。完成前可继续检索。`),
        checkpoint(run)));
      return;
    }
    fill(slot, h('div', { 'data-testid': 'integrity' },
      run.state === 'FAILED'
        ? h('div', { class: 'msg error', role: 'alert' }, `校验未完成：${run.error || '原因不明'}。请重新发起；如持续出现，请联系平台运维（也可在服务器上运行 npx govgraph audit verify）。`)
        : run.intact
          ? h('div', { class: 'msg ok' }, `完整：${run.records} 条记录、${run.chains} 条哈希链、${run.checkpoints} 个签名检查点均校验通过。`)
          : h('div', { class: 'msg error', role: 'alert' }, `发现 ${run.problems.length} 处问题：日志可能被篡改、删除或截断。请立即报告平台安全负责人，并保留现场。`),
      run.problems.length ? table('问题', [
        { label: '类型', cell: (p) => p.kind },
        { label: '链', cell: (p) => `${p.writer} #${p.seq}` },
        { label: '说明', cell: (p) => p.detail },
      ], run.problems) : null,
      checkpoint(run),
      h('p', { class: 'muted' }, `上次校验：${who(run)} 于 ${dateTime(run.startedAt)} 发起，${dateTime(run.finishedAt)} 完成。`)));
  };
  /** Reads the newest run until it has ended (while this panel is on the page). */
  const follow = async (run) => {
    show(run);
    button.disabled = !!run && run.state === 'RUNNING';
    while (run && run.state === 'RUNNING') {
      await new Promise((r) => setTimeout(r, POLL_MS));
      if (!slot.isConnected) return; // the officer went to another page
      try {
        run = (await gql(LATEST_VERIFY, {}, { purpose: PURPOSE })).accessLogVerification;
      } catch (err) {
        fill(error, errorBox(err));
        break;
      }
      show(run);
    }
    button.disabled = false;
    if (run && run.state !== 'RUNNING' && started) notify(run.state === 'DONE' ? (run.intact ? '访问日志校验通过。' : '访问日志校验发现问题！') : '访问日志校验未完成。', run.state === 'DONE' && run.intact ? 'ok' : 'error');
    started = false;
  };
  let started = false;
  button.addEventListener('click', async () => {
    const res = await act(button, error, () => gql(START_VERIFY, {}, { purpose: PURPOSE }), '已开始校验访问日志。');
    if (res) {
      started = true;
      await follow(res.startAccessLogVerification);
    }
  });
  gql(LATEST_VERIFY, {}, { purpose: PURPOSE })
    .then((d) => follow(d.accessLogVerification))
    .catch((err) => fill(error, errorBox(err)));
  return h('section', { class: 'panel', 'aria-labelledby': 'integrity-title' },
    h('h2', { id: 'integrity-title' }, '完整性'), slot, error, button);
}
