import { operationNameAttribute, purposeAttribute, statementOperation, statementText } from './attributes';

describe('purposeAttribute', () => {
  it('keeps a purpose code', () => {
    expect(purposeAttribute('dibao-verification')).toBe('dibao-verification');
    expect(purposeAttribute('tax-audit')).toBe('tax-audit');
    expect(purposeAttribute('GB.2026:check_1')).toBe('GB.2026:check_1');
    expect(purposeAttribute(undefined)).toBeUndefined();
  });
  it('records free text, and anything holding a 身份号码 or a phone number, as (text)', () => {
    expect(purposeAttribute('dibao check of 320102198001011238')).toBe('(text)');
    expect(purposeAttribute('320102198001011238')).toBe('(text)');
    expect(purposeAttribute('check-13800138000')).toBe('(text)');
    expect(purposeAttribute('核查低保')).toBe('(text)');
    expect(purposeAttribute('x'.repeat(65))).toBe('(text)');
    expect(purposeAttribute('')).toBe('(text)');
  });
});

describe('operationNameAttribute', () => {
  it('keeps GraphQL names only', () => {
    expect(operationNameAttribute('Flagship')).toBe('Flagship');
    expect(operationNameAttribute(null)).toBeUndefined();
    expect(operationNameAttribute('not a name')).toBeUndefined();
    expect(operationNameAttribute('x'.repeat(101))).toBeUndefined();
  });
});

describe('statementText', () => {
  it('keeps placeholders and identifiers', () => {
    expect(statementText('select "p"."XM" as "name" from "RK_JBXX" as "p" where "p"."GMSFHM" in ($1, $2)', 'postgresql')).toBe(
      'select "p"."XM" as "name" from "RK_JBXX" as "p" where "p"."GMSFHM" in ($1, $2)',
    );
    expect(statementText('select `G`.`GMSFHM` from `SB_CBXX` as `G` where `G`.`GMSFHM` in (?, ?) limit ?', 'mysql')).toBe(
      'select `G`.`GMSFHM` from `SB_CBXX` as `G` where `G`.`GMSFHM` in (?, ?) limit ?',
    );
  });
  it('blanks values spelled into a statement: string literals and long numbers', () => {
    expect(statementText(`select * from "RK" where "GMSFHM" = '320102198001011238' and "XM" = 'O''Brien'`, 'postgresql')).toBe(`select * from "RK" where "GMSFHM" = '?' and "XM" = '?'`);
    expect(statementText('select * from `RK` where `DH` = 13800138000 and `XM` = "李建国" and `BZ` = \'a\\\'b\'', 'mysql')).toBe("select * from `RK` where `DH` = ? and `XM` = '?' and `BZ` = '?'");
    expect(statementText('select * from t_202401 where n = $123 limit 500', 'postgresql')).toBe('select * from t_202401 where n = $123 limit 500');
  });
});

describe('statementOperation', () => {
  it('names a statement by its first keyword', () => {
    expect(statementOperation('select 1')).toBe('SELECT');
    expect(statementOperation('  WITH moved AS (update x set y = 1) select 1')).toBe('WITH');
    expect(statementOperation('/* comment */ insert into t values (1)')).toBe('INSERT');
    expect(statementOperation('(select 1) union (select 2)')).toBe('SELECT');
    expect(statementOperation('')).toBe('SQL');
  });
});
