/**
 * The synthetic world's records, one interface per legacy row kind: what the generator
 * (world.ts, socialInsurance.ts) writes and each department's seed reads.
 */

export interface WorldPerson {
  idNumber: string;
  name: string;
  /** GB/T 2261.1: '1' male, '2' female. */
  genderCode: '1' | '2';
  birthDate: string;
  ethnicityCode: string;
  registeredAddress: string;
  /** District (GB/T 2260) of the 户籍. */
  divisionCode: string;
  phone: string;
  maritalCode: string;
  householdNumber: string;
  /** GB/T 4761 code. */
  relationCode: string;
  deceased: boolean;
  caseFlags: string[];
  updatedAt: string;
}

export interface WorldHousehold {
  number: string;
  divisionCode: string;
  address: string;
  headIdNumber: string;
}

export interface WorldCompany {
  uscc: string;
  name: string;
  kindCode: string;
  statusCode: string;
  establishedOn: string;
  /** 万元, two decimals, as a string (DECIMAL never goes through a float). */
  registeredCapital: string;
  registeredAddress: string;
  businessScope: string;
  representativeIdNumber: string;
  divisionCode: string;
  updatedAt: string;
}

export interface WorldShareholding {
  companyUscc: string;
  holderKind: 'PERSON' | 'COMPANY';
  /** 身份号码 for a person, 统一社会信用代码 for a company. */
  holderKey: string;
  holderName: string;
  subscribedCapital: string;
}

export interface WorldParcel {
  /** 宗地代码 (GB/T 13923 shape): division(6) + 地籍区(3) + 地籍子区(3) + 'GB' + seq(5). */
  code: string;
  districtCode: string;
  streetCode: string;
  landUseCode: string;
  /** m². */
  area: number;
  /** Stable ordinal inside its street, for placing the geometry. */
  ordinal: number;
  updatedAt: string;
}

export interface WorldRight {
  certificateNo: string;
  parcelCode: string;
  holderKind: 'PERSON' | 'COMPANY';
  holderKey: string;
  holderName: string;
  registeredOn: string;
  updatedAt: string;
}

export interface WorldEncumbrance {
  certificateNo: string;
  /** '1' 抵押 mortgage, '2' 查封 seizure. */
  kindCode: '1' | '2';
  holderName: string;
  registeredOn: string;
  /** 万元, or null for a seizure. */
  amount: string | null;
  documentNo: string;
}

export interface World {
  persons: WorldPerson[];
  households: WorldHousehold[];
  companies: WorldCompany[];
  shareholdings: WorldShareholding[];
  parcels: WorldParcel[];
  rights: WorldRight[];
  encumbrances: WorldEncumbrance[];
  /** 参保单位 (human-resources); contribution rows come from `contributionsOf`. */
  insuredUnits: WorldInsuredUnit[];
  insuranceEnrolments: WorldInsuranceEnrolment[];
}

/** SB_DWXX: a company registered with social insurance as an employer (参保单位). */
export interface WorldInsuredUnit {
  /** 单位编号: the unit's district (GB/T 2260) and a sequence number, 12 digits. */
  unitNumber: string;
  uscc: string;
  name: string;
  divisionCode: string;
  /** 参保登记日期. */
  registeredOn: string;
  updatedAt: string;
}

/** SB_GRCBXX: one person in one insurance scheme (个人参保信息). */
export interface WorldInsuranceEnrolment {
  idNumber: string;
  /** INSURANCE_TYPE code. */
  typeCode: string;
  /** ENROLMENT_STATUS code. */
  statusCode: '1' | '2' | '3';
  /** 单位编号 of the employer; null in the 城乡居民 schemes, which have none. */
  unitNumber: string | null;
  /** 参保日期, YYYY-MM-DD. */
  enrolledOn: string;
  /** 累计缴费月数 (a 城乡居民 year paid counts twelve). */
  paidMonths: number;
  /** The last month paid, YYYYMM (for a yearly 城乡居民 scheme, December of the last year paid). */
  lastPaidMonth: string;
  /** 缴费基数 in 分 per month (employees' schemes); null in the 城乡居民 schemes. */
  contributionBase: number | null;
  /** 个人缴费档次 in 分 per year (城乡居民 schemes); null in the employees' schemes. */
  annualContribution: number | null;
  updatedAt: string;
}

/** SB_JFMX: one month's contribution (缴费明细); amounts in 分. */
export interface WorldContribution {
  idNumber: string;
  typeCode: string;
  /** 费款所属年月, YYYYMM. */
  month: string;
  base: number | null;
  personal: number;
  unit: number;
}
