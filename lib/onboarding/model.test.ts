/** From a catalog to the subgraph's types and names (lib/onboarding/model.ts), on hand-written catalogs. */
import type { LegacyCatalog, LegacyColumn, LegacyTable } from '../legacyDb/catalog';
import { buildModel, type ColumnField, type ModelOptions, type TypeModel } from './model';
import { InitRefusal } from './refusal';

const col = (name: string, sqlType: string, kind: LegacyColumn['kind'], comment?: string, extra: Partial<LegacyColumn> = {}): LegacyColumn => ({
  name,
  sqlType,
  kind,
  nullable: true,
  ...(comment ? { comment } : {}),
  ...extra,
});

function table(name: string, comment: string | undefined, columns: LegacyColumn[], primaryKey: string[], foreignKeys: LegacyTable['foreignKeys'] = []): LegacyTable {
  return { name, ...(comment ? { comment } : {}), columns, primaryKey, foreignKeys };
}

const DM_XB = table('DM_XB', '性别代码表', [col('DM', 'char(1)', 'text', '代码', { length: 1, fixedWidth: true }), col('MC', 'varchar(20)', 'text', '名称')], ['DM']);
const DM_UNUSED = table('DM_ZJLX', '证件类型代码表', [col('DM', 'char(2)', 'text', '代码'), col('MC', 'varchar(20)', 'text', '名称')], ['DM']);
const DWXX = table('SB_DWXX', '参保单位信息', [col('DWBH', 'varchar(20)', 'text', '单位编号', { length: 20 }), col('DWMC', 'varchar(100)', 'text', '单位名称')], ['DWBH']);
const GRCBXX = table(
  'SB_GRCBXX',
  '个人参保信息',
  [
    col('GRBH', 'varchar(20)', 'text', '个人编号', { length: 20 }),
    col('GMSFHM', 'char(18)', 'text', '公民身份号码', { fixedWidth: true, length: 18 }),
    col('XB', 'char(1)', 'text', '性别'),
    col('DWBH', 'varchar(20)', 'text', '单位编号'),
    col('LXDH_BY', 'varchar(20)', 'text', '联系电话'), // unknown name, known meaning
    col('QTXX', 'varchar(50)', 'text'), // neither: camelCased
    col('ZP', 'blob', 'unsupported', '照片'),
    col('GXSJ', 'datetime', 'timestamp', '更新时间'),
  ],
  ['GRBH'],
  [
    { name: 'FK_XB', columns: ['XB'], references: { table: 'DM_XB', columns: ['DM'] } },
    { name: 'FK_DW', columns: ['DWBH'], references: { table: 'SB_DWXX', columns: ['DWBH'] } },
  ],
);
const JFMX = table(
  'SB_JFMX',
  '缴费明细',
  [col('SSNY', 'char(6)', 'text', '所属年月'), col('GRBH', 'varchar(20)', 'text', '个人编号'), col('JFJE', 'bigint', 'bigint', '缴费金额（分）')],
  ['GRBH', 'SSNY'],
  [{ name: 'FK_GR', columns: ['GRBH'], references: { table: 'SB_GRCBXX', columns: ['GRBH'] } }],
);
const LOG = table('SB_CZRZ', '操作日志', [col('CZNR', 'varchar(200)', 'text')], []);

const catalog = (...tables: LegacyTable[]): LegacyCatalog => ({ dialect: 'mysql', schema: 'rs', tables });
const options = (over: Partial<ModelOptions> = {}): ModelOptions => ({ name: 'social-security', department: 'human-resources', port: 4005, taken: { types: new Set(), queryFields: new Set() }, ...over });
const typeOf = (types: TypeModel[], name: string) => types.find((t) => t.name === name)!;
const fieldsOf = (t: TypeModel) => t.members.map((m) => `${m.name}:${m.kind === 'column' ? m.type : m.kind === 'reference' ? m.target : 'String'}`);

function refusal(fn: () => unknown): InitRefusal {
  try {
    fn();
  } catch (err) {
    if (err instanceof InitRefusal) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('buildModel', () => {
  const model = buildModel(catalog(DM_XB, DM_UNUSED, DWXX, GRCBXX, JFMX), options());

  it('makes a type per data table; a code table a foreign key refers to is read by join, an unreferenced one left out', () => {
    expect(model.types.map((t) => t.name)).toEqual(['SbDwxx', 'SbGrcbxx', 'SbJfmx']);
    expect(model.codeTables.map((t) => t.name)).toEqual(['DM_XB']);
    expect(model.notes.some((n) => n.startsWith('DM_ZJLX looks like a code table'))).toBe(true);
  });

  it('names fields from the dictionary, then from the comment, then from the column, and keeps every column mapped', () => {
    const t = typeOf(model.types, 'SbGrcbxx');
    expect(fieldsOf(t)).toEqual([
      'personNumber:ID',
      'idNumber:String',
      'gender:String', // DM_XB.MC by join
      'genderCode:String',
      'employerNumber:String',
      'employer:SbDwxx',
      'phone:String',
      'qtxx:String',
      'updatedAt:DateTime',
    ]);
    const columns = Object.fromEntries(t.members.filter((m): m is ColumnField => m.kind === 'column').map((m) => [m.name, [m.column.name, m.origin]]));
    expect(columns).toMatchObject({ personNumber: ['GRBH', 'dictionary'], phone: ['LXDH_BY', 'comment'], qtxx: ['QTXX', 'column'] });
    expect(model.notes).toContain('SB_GRCBXX.ZP (blob) is left out: no GraphQL scalar serves it');
    expect(model.notes.some((n) => n.includes('QTXX→qtxx'))).toBe(true);
  });

  it('keys entities by their primary key in key order, with root fields by key', () => {
    const t = typeOf(model.types, 'SbJfmx');
    expect(t.keys.map((k) => k.name)).toEqual(['personNumber', 'period']);
    expect(t.keys.map((k) => k.key)).toEqual([
      { column: 'GRBH', kind: 'text' },
      { column: 'SSNY', kind: 'text' },
    ]);
    expect(t.one).toBe('sbJfmx');
    expect(t.many).toBeUndefined(); // no list by a composite key
    expect(typeOf(model.types, 'SbGrcbxx').many).toEqual({ name: 'sbGrcbxxes', argument: 'personNumbers' });
    expect(typeOf(model.types, 'SbJfmx').members.find((m) => m.kind === 'reference')).toMatchObject({ name: 'person', target: 'SbGrcbxx', fields: ['personNumber'] });
  });

  it('names a key that is a code by join too, beside the key', () => {
    const DM_XZLX = table('DM_XZLX', '险种类型代码表', [col('DM', 'char(3)', 'text', '代码'), col('MC', 'varchar(50)', 'text', '名称')], ['DM']);
    const CB = table(
      'SB_CB',
      '参保',
      [col('GMSFHM', 'char(18)', 'text', '公民身份号码'), col('XZLX', 'char(3)', 'text', '险种类型')],
      ['GMSFHM', 'XZLX'],
      [{ name: 'FK_XZLX', columns: ['XZLX'], references: { table: 'DM_XZLX', columns: ['DM'] } }],
    );
    const m = buildModel(catalog(DM_XZLX, CB), options());
    expect(fieldsOf(m.types[0])).toEqual(['idNumber:ID', 'insuranceType:ID', 'insuranceTypeName:String']);
    expect(m.types[0].members[2]).toMatchObject({ kind: 'lookup', codeField: 'insuranceType', codeTable: 'DM_XZLX', nameColumn: 'MC' });
    expect(m.codeTables.map((t) => t.name)).toEqual(['DM_XZLX']);
  });

  it('prefixes a type or root field another subgraph has, and takes --names', () => {
    const m = buildModel(catalog(DM_XB, DWXX, GRCBXX), options({ typeNames: { SB_GRCBXX: 'Person' }, taken: { types: new Set(['Person']), queryFields: new Set(['sbDwxx']) } }));
    expect(m.types.map((t) => t.name)).toEqual(['SbDwxx', 'SocialSecurityPerson']);
    expect(typeOf(m.types, 'SbDwxx').one).toBe('socialSecuritySbDwxx');
    expect(m.notes.some((n) => n.includes('type Person exists in another subgraph'))).toBe(true);
  });

  it('takes exactly the tables named, and names a foreign key to a table left out', () => {
    const m = buildModel(catalog(DM_XB, DWXX, GRCBXX, JFMX), options({ tables: ['sb_grcbxx'] }));
    expect(m.types.map((t) => t.name)).toEqual(['SbGrcbxx']);
    expect(m.notes.some((n) => n.includes('refers to SB_DWXX, which is not generated'))).toBe(true);
  });

  it('refuses no tables, unknown tables and tables without a usable key, naming them', () => {
    expect(refusal(() => buildModel(catalog(), options())).code).toBe('NO_TABLES');
    expect(refusal(() => buildModel(catalog(DWXX), options({ tables: ['SB_DWXX', 'NOPE'] }))).message).toContain('NOPE');
    const keyless = refusal(() => buildModel(catalog(DWXX, LOG), options()));
    expect(keyless.code).toBe('NO_PRIMARY_KEY');
    expect(keyless.message).toContain('SB_CZRZ');
    expect(keyless.message).toContain('--tables SB_DWXX');
    const blobKey = table('SB_ZP', undefined, [col('ZP', 'blob', 'unsupported')], ['ZP']);
    expect(refusal(() => buildModel(catalog(blobKey), options())).code).toBe('NO_PRIMARY_KEY');
  });
});
