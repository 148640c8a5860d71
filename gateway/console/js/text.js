// Chinese labels, formats and error explanations (codes from lib/errors.ts; README, "Errors").

export const DEPARTMENTS = {
  'public-security': '公安局',
  'market-regulation': '市场监管局',
  'natural-resources': '自然资源局（不动产登记中心）',
  'human-resources': '人力资源和社会保障局',
  'big-data-center': '市大数据中心',
  'civil-affairs': '民政局',
  tax: '税务局',
  'housing-fund': '住房公积金管理中心',
  'citizen-portal': '一网通办',
};
export const dept = (code) => (code ? (DEPARTMENTS[code] ? `${DEPARTMENTS[code]}（${code}）` : code) : '—');
export const deptShort = (code) => DEPARTMENTS[code] || code || '—';

export const ROLE_NAMES = {
  consumer: '数据使用方经办人',
  'security-officer': '安全管理员',
  'citizen-channel': '市民服务渠道',
};
export const role = (r) => (ROLE_NAMES[r] ? `${ROLE_NAMES[r]}（${r}）` : r.startsWith('provider:') ? `${deptShort(r.slice(9))}数据提供方（${r}）` : r);

export const APPLICATION_STATUS = { PENDING: '待审批', APPROVED: '已批准', PARTIALLY_APPROVED: '部分批准', REJECTED: '已驳回', WITHDRAWN: '已撤回' };
export const REVIEW_STATUS = { PENDING: '待审查', APPROVED: '已同意', REJECTED: '已驳回', WITHDRAWN: '已撤回（未审查）' };
export const STATUS_TONE = { PENDING: 'warn', APPROVED: 'ok', PARTIALLY_APPROVED: 'ok', REJECTED: 'bad', WITHDRAWN: 'muted' };
export const EVENT_ACTIONS = { submitted: '提交申请', approved: '同意', rejected: '驳回', withdrawn: '撤回', granted: '生成授权', revoked: '撤销授权' };
export const SHARING = { UNCONDITIONAL: '无条件共享', CONDITIONAL: '有条件共享', NOT_SHARED: '不予共享' };
export const ISSUE_STATUS = { OPEN: '待处理', ACKNOWLEDGED: '已受理', RESOLVED: '已办结' };
export const ISSUE_OUTCOME = { CORRECTED: '已更正', NO_ERROR_FOUND: '经核实无误' };

const REASONS = {
  NOT_SHARED: '该数据项为不予共享，任何授权都无法读取。',
  GRANT_REQUIRED: '该数据项为有条件共享，需要有效授权。',
  GRANT_EXPIRED: '授权已过期或已被撤销。',
  PURPOSE_MISMATCH: '授权的用途或使用部门与本次请求不符。',
  OUT_OF_JURISDICTION: '记录不在本部门（或授权）的管辖范围内。',
  PURPOSE_REQUIRED: '读取个人信息须注明用途（X-Purpose）。',
  ROLE_REQUIRED: '您当前的角色无权执行此操作，或该记录不属于您所在部门。如需办理，请联系有相应权限的安全管理员。',
};

/** A denial reason (denied(<REASON>)) in Chinese. */
export const reasonText = (reason) => REASONS[reason] || reason;

/** What went wrong and what to do, in Chinese, for an ApiError (or any error). */
export function explain(err) {
  const code = err && err.code;
  const detail = err && err.message ? `（${err.message}）` : '';
  switch (code) {
    case 'UNAUTHENTICATED': return '登录已失效或令牌无效（可能已过期）。请重新登录。';
    case 'FORBIDDEN': return `无权执行：${REASONS[err.reason] || '策略不允许。'}`;
    case 'NOT_FOUND': return '未找到该记录，或它不在您的职责范围内。请刷新列表后重试。';
    case 'CONFLICT': return `该记录的状态已经改变（可能已由他人处理）${detail}。请刷新后查看最新状态。`;
    case 'BAD_USER_INPUT': return `输入有误${detail}。请修改后再提交。`;
    case 'RATE_LIMITED': return `请求过于频繁，请在 ${err.extensions.retryAfter || '几'} 秒后重试。`;
    case 'SERVICE_UNAVAILABLE': return '服务暂时不可用（共享存储无法连接），为安全起见请求被拒绝。请稍后重试；如持续出现，请联系平台运维。';
    case 'DOWNSTREAM_SERVICE_ERROR': return `部门服务${err.extensions.serviceName ? ` ${err.extensions.serviceName} ` : ''}暂时无法访问。请稍后重试。`;
    case 'AUDIT_UNAVAILABLE': return '访问日志暂时无法记录，因此未返回个人信息。请稍后重试。';
    case 'INTERNAL_SERVER_ERROR': return `服务器内部错误。请稍后重试；如持续出现，请将日志编号 ${err.extensions.logId || '（无）'} 告知平台运维。`;
    case 'QUERY_TOO_COMPLEX': return '查询超出网关限制，请缩小查询范围。';
    case 'NETWORK': return '无法连接网关。请检查网络后重试。';
    case 'GRAPHQL_VALIDATION_FAILED': return `网关不支持此查询（控制台与网关版本可能不一致）${detail}。请刷新页面。`;
    default: return `操作失败${code ? `（${code}）` : ''}${detail}。`;
  }
}

const dateTimeFmt = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
/** An ISO instant in Beijing time, e.g. 2026/12/02 09:30:00. */
export const dateTime = (iso) => (iso ? dateTimeFmt.format(new Date(iso)) : '—');
export const date = (d) => d || '—';

/** A datetime-local input's value (Beijing time) as an ISO instant. */
export function beijingToIso(local) {
  if (!local) return undefined;
  const d = new Date(`${local.length === 16 ? `${local}:00` : local}+08:00`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** A decision string of the access log in Chinese. */
export function decision(d) {
  if (d === 'full') return '完整返回';
  const masked = /^masked\((.*)\)$/.exec(d);
  if (masked) return `脱敏返回（${masked[1]}）`;
  const denied = /^denied\((.*)\)$/.exec(d);
  if (denied) return `拒绝（${denied[1]}）`;
  return d;
}
export const decisionTone = (d) => (d === 'full' ? 'ok' : d.startsWith('masked') ? 'warn' : 'bad');
