/**
 * Common legacy column names of Chinese government databases — pinyin initials of the
 * column's meaning (GMSFHM = 公民身份号码) — with the field name the generated API proposes
 * for each. Deliberately small: every entry is a name these databases really use with one
 * meaning, and the names agree with the contract's (README, "Errors" and the supergraph: `idNumber`, `uscc`,
 * `birthDate` …). A column found neither here nor by its comment keeps a camelCased form of
 * its own name, and `govgraph subgraph init` lists those for the department to rename.
 */
export interface DictionaryEntry {
  /** The proposed GraphQL field name. */
  field: string;
  /** The meaning the column's comment usually states; a comment equal to it names the field too. */
  meaning: string;
}

export const LEGACY_COLUMNS: Readonly<Record<string, DictionaryEntry>> = {
  GMSFHM: { field: 'idNumber', meaning: '公民身份号码' },
  SFZH: { field: 'idNumber', meaning: '身份证号' },
  SFZHM: { field: 'idNumber', meaning: '身份证号码' },
  ZJHM: { field: 'documentNumber', meaning: '证件号码' },
  ZJLX: { field: 'documentType', meaning: '证件类型' },
  XM: { field: 'name', meaning: '姓名' },
  MC: { field: 'name', meaning: '名称' },
  DM: { field: 'code', meaning: '代码' },
  XB: { field: 'gender', meaning: '性别' },
  CSRQ: { field: 'birthDate', meaning: '出生日期' },
  MZ: { field: 'ethnicity', meaning: '民族' },
  GJ: { field: 'nationality', meaning: '国籍' },
  HYZK: { field: 'maritalStatus', meaning: '婚姻状况' },
  WHCD: { field: 'educationLevel', meaning: '文化程度' },
  LXDH: { field: 'phone', meaning: '联系电话' },
  SJHM: { field: 'mobile', meaning: '手机号码' },
  DZ: { field: 'address', meaning: '地址' },
  HJDZ: { field: 'registeredAddress', meaning: '户籍地址' },
  JZDZ: { field: 'residentialAddress', meaning: '居住地址' },
  HH: { field: 'householdNumber', meaning: '户号' },
  XZQH: { field: 'divisionCode', meaning: '行政区划代码' },
  XZQHDM: { field: 'divisionCode', meaning: '行政区划代码' },
  TYSHXYDM: { field: 'uscc', meaning: '统一社会信用代码' },
  DWBH: { field: 'employerNumber', meaning: '单位编号' },
  DWMC: { field: 'employerName', meaning: '单位名称' },
  GRBH: { field: 'personNumber', meaning: '个人编号' },
  FDDBR: { field: 'legalRepresentative', meaning: '法定代表人' },
  ZCZB: { field: 'registeredCapital', meaning: '注册资本' },
  CLRQ: { field: 'establishedOn', meaning: '成立日期' },
  JYFW: { field: 'businessScope', meaning: '经营范围' },
  YZBM: { field: 'postalCode', meaning: '邮政编码' },
  ZT: { field: 'status', meaning: '状态' },
  YXBZ: { field: 'valid', meaning: '有效标志' },
  BZ: { field: 'remark', meaning: '备注' },
  JE: { field: 'amount', meaning: '金额' },
  KSRQ: { field: 'startDate', meaning: '开始日期' },
  JSRQ: { field: 'endDate', meaning: '结束日期' },
  DJRQ: { field: 'registeredOn', meaning: '登记日期' },
  DJSJ: { field: 'registeredAt', meaning: '登记时间' },
  CJSJ: { field: 'createdAt', meaning: '创建时间' },
  GXSJ: { field: 'updatedAt', meaning: '更新时间' },
  SSNY: { field: 'period', meaning: '所属年月' },
  XZLX: { field: 'insuranceType', meaning: '险种类型' },
  CBZT: { field: 'enrolmentStatus', meaning: '参保状态' },
  CBRQ: { field: 'enrolledOn', meaning: '参保日期' },
  JFJS: { field: 'contributionBase', meaning: '缴费基数' },
  JFYS: { field: 'paidMonths', meaning: '缴费月数' },
  JFNY: { field: 'paidMonth', meaning: '缴费年月' },
  GRJF: { field: 'personalContribution', meaning: '个人缴费' },
  DWJF: { field: 'employerContribution', meaning: '单位缴费' },
};

/** The same entries by meaning, for columns whose name is unknown but whose comment is plain. */
const BY_MEANING: ReadonlyMap<string, string> = new Map(Object.values(LEGACY_COLUMNS).map((e) => [e.meaning, e.field]));

/**
 * The proposed field name for a legacy column, from its name, else from its comment's leading
 * term (`公民身份号码`, `更新时间 (北京时间)`, `缴费基数（元/月）` → the part before any
 * bracket, colon or space); `undefined` when neither is known.
 */
export function dictionaryName(column: string, comment?: string): { field: string; by: 'name' | 'comment' } | undefined {
  const byName = LEGACY_COLUMNS[column.toUpperCase()];
  if (byName) return { field: byName.field, by: 'name' };
  const term = comment?.split(/[\s(（:：,，;；]/)[0];
  const byComment = term ? BY_MEANING.get(term) : undefined;
  return byComment ? { field: byComment, by: 'comment' } : undefined;
}
