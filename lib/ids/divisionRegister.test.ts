import { GraphQLError } from 'graphql';
import { ALL_DIVISIONS, CITY, DISTRICT_SEEDS, PROVINCE } from '../synthetic';
import { describeDivisions, DivisionEntry, DivisionRegister } from './divisionRegister';

const NANJING: DivisionEntry[] = ALL_DIVISIONS.map((d) => ({ code: d.code, name: d.name }));
const COUNTY_LEVEL: DivisionEntry[] = [PROVINCE, CITY, ...DISTRICT_SEEDS].map((d) => ({ code: d.code, name: d.name }));

/** A register over `rows` (the table's content, changeable) with a clock the test moves. */
function register(rows: DivisionEntry[], ttlMs = 60_000) {
  let now = 1_000_000;
  let loads = 0;
  const table = { rows };
  const reg = new DivisionRegister({
    table: 'XZQH',
    ttlMs,
    now: () => now,
    load: async () => {
      loads += 1;
      return [...table.rows];
    },
  });
  return { reg, table, loads: () => loads, advance: (ms: number) => (now += ms) };
}

async function codeOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
    return 'accepted';
  } catch (err) {
    return (err as GraphQLError).extensions?.code;
  }
}

describe('describeDivisions', () => {
  it('follows the single chain down, then counts each level below', () => {
    expect(describeDivisions(new Map(NANJING.map((e) => [e.code, e.name])))).toBe(
      '江苏省 320000 › 南京市 320100 and its 11 districts (区县) and 41 townships/streets (乡镇街道)',
    );
    expect(describeDivisions(new Map(COUNTY_LEVEL.map((e) => [e.code, e.name])))).toBe('江苏省 320000 › 南京市 320100 and its 11 districts (区县)');
  });

  it('lists top-level codes when there are several, and says when there are none', () => {
    expect(describeDivisions(new Map([['110000', '北京市'], ['120000', '天津市']]))).toBe('2 divisions under 2 top-level codes: 北京市 110000, 天津市 120000');
    expect(describeDivisions(new Map())).toMatch(/empty/);
  });
});

describe('DivisionRegister', () => {
  it('accepts every code of the table and refuses others, well-formed or not, with BAD_USER_INPUT naming the argument', async () => {
    const { reg } = register(NANJING);
    for (const d of NANJING) expect(await reg.require(d.code, 'code')).toBe(d.code);
    for (const bad of ['320199', '110101', '320102999', '3201', '990000']) {
      const err = await reg.require(bad, 'divisionCode').catch((e: GraphQLError) => e);
      expect(err).toBeInstanceOf(GraphQLError);
      expect((err as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'divisionCode' });
    }
  });

  it('tells a well-formed unknown code from a malformed one, and names what is served and the nearest served division above', async () => {
    const { reg } = register(COUNTY_LEVEL);
    expect(await reg.problem('3201')).toMatch(/^is not a valid division code/);
    const street = await reg.problem('320102002');
    expect(street).toMatch(/^is a well-formed township code/);
    expect(street).toContain('南京市 320100');
    expect(street).toContain('玄武区 320102');
    expect(await reg.problem('110101')).not.toContain('nearest');
  });

  it('reads the table once for any number of checks, including concurrent first ones', async () => {
    const { reg, loads } = register(NANJING);
    await Promise.all(['320102', '320115', '110101', '320100'].map((c) => reg.problem(c)));
    for (let i = 0; i < 100; i++) await reg.problem('320102');
    expect(loads()).toBe(1);
  });

  it('after the TTL answers from the copy it has and refreshes in the background: a new code is served from the next check on', async () => {
    const { reg, table, loads, advance } = register(COUNTY_LEVEL, 60_000);
    expect(await codeOf(reg.require('320102002', 'code'))).toBe('BAD_USER_INPUT');
    table.rows = NANJING; // the department adds its streets
    advance(59_000);
    expect(await codeOf(reg.require('320102002', 'code'))).toBe('BAD_USER_INPUT');
    expect(loads()).toBe(1);
    advance(1_000);
    // Stale: this check is answered at once from the old copy; the refresh runs behind it.
    expect(await codeOf(reg.require('320102002', 'code'))).toBe('BAD_USER_INPUT');
    await reg.served(); // let the background read settle
    await new Promise((r) => setImmediate(r));
    expect(loads()).toBe(2);
    expect(await codeOf(reg.require('320102002', 'code'))).toBe('accepted');
  });

  it('keeps the copy it has when a refresh fails, and tries again after another TTL', async () => {
    let fail = false;
    let now = 0;
    let loads = 0;
    const reg = new DivisionRegister({
      table: 'XZQH',
      ttlMs: 10,
      now: () => now,
      load: async () => {
        loads += 1;
        if (fail) throw new Error('connection refused');
        return NANJING;
      },
    });
    expect(await codeOf(reg.require('320102', 'code'))).toBe('accepted');
    fail = true;
    now = 10;
    expect(await codeOf(reg.require('320102', 'code'))).toBe('accepted');
    await new Promise((r) => setImmediate(r));
    expect(loads).toBe(2);
    expect(await codeOf(reg.require('320102', 'code'))).toBe('accepted');
    expect(loads).toBe(2); // not again before another TTL
    now = 20;
    fail = false;
    await reg.served();
    await new Promise((r) => setImmediate(r));
    expect(loads).toBe(3);
  });

  it('fails the check (not silently accepts) when the first read fails, and reads again on the next', async () => {
    let fail = true;
    const reg = new DivisionRegister({ table: 'XZQH', load: async () => (fail ? Promise.reject(new Error('down')) : NANJING) });
    await expect(reg.require('320102', 'code')).rejects.toThrow('down');
    fail = false;
    expect(await reg.require('320102', 'code')).toBe('320102');
  });
});
