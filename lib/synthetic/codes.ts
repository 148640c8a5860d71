/**
 * National code tables the legacy databases use (each department loads the ones it needs
 * into its own 代码表). Values are the standards' codes; names are what the API returns.
 */

/** GB/T 2261.1 性别. */
export const GENDER = { '0': '未知的性别', '1': '男', '2': '女', '9': '未说明的性别' } as const;

/** GB/T 3304 民族 (the most common of the 56). */
export const ETHNICITY: Record<string, string> = {
  '01': '汉族', '02': '蒙古族', '03': '回族', '04': '藏族', '05': '维吾尔族', '06': '苗族',
  '07': '彝族', '08': '壮族', '09': '布依族', '10': '朝鲜族', '11': '满族', '12': '侗族',
  '13': '瑶族', '14': '白族', '15': '土家族',
};

/** GB/T 2261.2 婚姻状况. */
export const MARITAL_STATUS: Record<string, string> = {
  '10': '未婚', '20': '已婚', '21': '初婚', '22': '再婚', '23': '复婚', '30': '丧偶', '40': '离婚', '90': '未说明的婚姻状况',
};

/** GB/T 4761 家庭关系 (与户主关系). */
export const RELATION_TO_HEAD: Record<string, string> = {
  '02': '户主', '10': '配偶', '20': '子', '30': '女', '51': '父亲', '52': '母亲', '99': '其他',
};

/** 企业类型 (市场监管 registration categories, abridged). */
export const COMPANY_KIND: Record<string, string> = {
  '1100': '有限责任公司', '1150': '有限责任公司(自然人独资)', '1200': '股份有限公司',
  '2100': '全民所有制', '4100': '个人独资企业', '4200': '合伙企业',
};

/** 登记状态. */
export const COMPANY_STATUS: Record<string, string> = {
  '1': '存续', '2': '在业', '3': '吊销', '4': '注销', '5': '迁出',
};

/** GB/T 21010 土地利用现状分类 (abridged). */
export const LAND_USE: Record<string, string> = {
  '0701': '城镇住宅用地', '0702': '农村宅基地', '0501': '零售商业用地', '0505': '商务金融用地',
  '0601': '工业用地', '0809': '公用设施用地',
};

/** 他项权利 kinds the demo records. */
export const ENCUMBRANCE_KIND = { '1': '抵押', '2': '查封' } as const;

/** 案件标记 (public-security internal, never shared). */
export const CASE_FLAG: Record<string, string> = {
  'ZT': '在逃', 'QK': '前科', 'SD': '涉毒', 'XD': '吸毒', 'ZDRY': '重点人员',
};

/**
 * 险种类型 — the insurance-type codes 社会保险经办 systems use (金保工程 AAE140). 120 is
 * 机关事业单位养老保险 and 城乡居民基本养老保险 is 170 in those systems, so the demo keeps both.
 */
export const INSURANCE_TYPE: Record<string, string> = {
  '110': '城镇职工基本养老保险', '120': '机关事业单位基本养老保险', '170': '城乡居民基本养老保险',
  '210': '失业保险', '310': '职工基本医疗保险', '390': '城乡居民基本医疗保险', '410': '工伤保险', '510': '生育保险',
};

/** 参保状态 (个人缴费状态). */
export const ENROLMENT_STATUS: Record<string, string> = { '1': '参保缴费', '2': '暂停缴费', '3': '终止参保' };
