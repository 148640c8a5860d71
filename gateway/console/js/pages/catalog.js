// 目录: browse and search the resource catalog (generated from the schema and the policies).
import { h, fill, pagedTable, heading, field, tag } from '../ui.js';
import { SHARING, deptShort } from '../text.js';
import { catalogEntries } from '../catalog.js';

const TONE = { UNCONDITIONAL: 'ok', CONDITIONAL: 'warn', NOT_SHARED: 'bad' };

export async function catalogPage() {
  const entries = await catalogEntries();
  const providers = [...new Set(entries.map((e) => e.provider))].sort();
  const search = h('input', { type: 'search', name: 'search', size: 24, placeholder: '数据项、说明…' });
  const provider = h('select', { name: 'provider' }, h('option', { value: '' }, '全部'), providers.map((p) => h('option', { value: p }, deptShort(p))));
  const sharing = h('select', { name: 'sharing' }, h('option', { value: '' }, '全部'), Object.entries(SHARING).map(([v, l]) => h('option', { value: v }, l)));
  const results = h('div', { 'aria-live': 'polite' });
  const render = () => {
    const q = search.value.trim().toLowerCase();
    const rows = entries.filter((e) =>
      (!provider.value || e.provider === provider.value) &&
      (!sharing.value || e.sharing === sharing.value) &&
      (!q || [e.path, e.description, e.conditions, e.legalBasis].some((s) => s && s.toLowerCase().includes(q))));
    fill(results, pagedTable({
      caption: '数据项',
      rows,
      pageSize: 25,
      columns: [
        { label: '数据项', cell: (e) => h('code', null, e.path) },
        { label: '说明', cell: (e) => e.description || '' },
        { label: '提供部门', cell: (e) => deptShort(e.provider) },
        { label: '共享类型', cell: (e) => tag(SHARING[e.sharing] || e.sharing, TONE[e.sharing]) },
        { label: '个人信息', cell: (e) => (e.personal ? '是' : '否') },
        { label: '脱敏', cell: (e) => e.mask || '—' },
        { label: '共享条件 / 不予共享依据', cell: (e) => e.conditions || e.legalBasis || '—' },
        { label: '更新频率', cell: (e) => e.updateFrequency || '—' },
      ],
    }));
  };
  for (const el of [search, provider, sharing]) el.addEventListener('input', render);
  render();
  return h('div', null,
    heading('目录'),
    h('p', { class: 'muted' }, '政务信息资源目录：由运行中的 schema 与共享策略生成，与实际提供的数据一致。'),
    h('form', { class: 'panel row', role: 'search', 'aria-label': '检索目录', onsubmit: (e) => e.preventDefault() },
      field('检索', search), field('提供部门', provider), field('共享类型', sharing)),
    results);
}

