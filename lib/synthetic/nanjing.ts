/**
 * The demo's administrative divisions: 江苏省 › 南京市 and its eleven districts (real GB/T 2260
 * codes and names), each with a few streets (real street names; the 9-digit codes follow the
 * statistical pattern but are illustrative). Centres are approximate; the geospatial
 * department derives synthetic boundaries from them.
 */
export interface DivisionSeed {
  code: string;
  name: string;
  level: 1 | 2 | 3 | 4;
  parentCode: string | null;
  /** Approximate centre, WGS 84 [lng, lat]. */
  centre: [number, number];
}

export const PROVINCE: DivisionSeed = { code: '320000', name: '江苏省', level: 1, parentCode: null, centre: [119.3, 32.9] };
export const CITY: DivisionSeed = { code: '320100', name: '南京市', level: 2, parentCode: '320000', centre: [118.8, 32.0] };

const DISTRICTS: Array<[string, string, number, number, string[]]> = [
  ['320102', '玄武区', 118.80, 32.05, ['梅园新村街道', '新街口街道', '玄武门街道', '锁金村街道', '红山街道', '孝陵卫街道', '玄武湖街道']],
  ['320104', '秦淮区', 118.79, 32.02, ['夫子庙街道', '秦虹街道', '中华门街道', '双塘街道', '朝天宫街道']],
  ['320105', '建邺区', 118.73, 32.00, ['南苑街道', '兴隆街道', '沙洲街道', '莫愁湖街道']],
  ['320106', '鼓楼区', 118.77, 32.07, ['宁海路街道', '华侨路街道', '湖南路街道', '中央门街道']],
  ['320111', '浦口区', 118.63, 32.06, ['江浦街道', '泰山街道', '顶山街道']],
  ['320113', '栖霞区', 118.90, 32.12, ['尧化街道', '马群街道', '仙林街道', '燕子矶街道']],
  ['320114', '雨花台区', 118.75, 31.96, ['雨花街道', '赛虹桥街道', '西善桥街道']],
  ['320115', '江宁区', 118.84, 31.87, ['东山街道', '秣陵街道', '淳化街道', '禄口街道']],
  ['320116', '六合区', 118.82, 32.32, ['雄州街道', '龙池街道', '葛塘街道']],
  ['320117', '溧水区', 119.03, 31.65, ['永阳街道', '柘塘街道']],
  ['320118', '高淳区', 118.88, 31.33, ['淳溪街道', '古柏街道']],
];

export const DISTRICT_SEEDS: DivisionSeed[] = DISTRICTS.map(([code, name, lng, lat]) => ({
  code,
  name,
  level: 3,
  parentCode: CITY.code,
  centre: [lng, lat],
}));

export const STREET_SEEDS: DivisionSeed[] = DISTRICTS.flatMap(([code, , lng, lat, streets]) =>
  streets.map((name, i) => {
    // Streets ring their district's centre at ~3 km; good enough for synthetic boundaries.
    const angle = (2 * Math.PI * i) / streets.length;
    return {
      code: `${code}${String(i + 2).padStart(3, '0')}`,
      name,
      level: 4 as const,
      parentCode: code,
      centre: [+(lng + 0.03 * Math.cos(angle)).toFixed(5), +(lat + 0.025 * Math.sin(angle)).toFixed(5)] as [number, number],
    };
  }),
);

export const ALL_DIVISIONS: DivisionSeed[] = [PROVINCE, CITY, ...DISTRICT_SEEDS, ...STREET_SEEDS];

export function streetsOf(districtCode: string): DivisionSeed[] {
  return STREET_SEEDS.filter((s) => s.parentCode === districtCode);
}
