import { checkIdNumber, makeIdNumber, checkUscc, makeUscc, checkDivisionCode, parentDivisionCode, isWithinDivision, requireIdNumber } from '.';

describe('公民身份号码 (GB 11643)', () => {
  it.each(['11010519491231002X', '320102198001011238', '320102198203152469', '32010220100708351X'])('accepts %s', (id) => {
    expect(checkIdNumber(id).ok).toBe(true);
  });

  it('reads birth date and gender', () => {
    expect(checkIdNumber('320102198203152469')).toEqual({ ok: true, divisionCode: '320102', birthDate: '1982-03-15', gender: 'FEMALE' });
  });

  it.each([
    ['320102198001011239', /check character/],
    ['320102198002301238', /not a calendar date/],
    ['320102290001011238', /future/],
    ['32010219800101123', /18 characters/],
    ['3201021980010112a8', /18 characters/],
  ])('rejects %s', (id, problem) => {
    const r = checkIdNumber(id);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toMatch(problem);
  });

  it('makes valid numbers', () => {
    expect(makeIdNumber('110105', '1949-12-31', 2)).toBe('11010519491231002X');
  });

  it('raises BAD_USER_INPUT naming the argument', () => {
    expect(() => requireIdNumber('123', 'idNumbers')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'idNumbers' }) }));
  });
});

describe('统一社会信用代码 (GB 32100)', () => {
  it.each(['91110000600037341L', '91320102MA1XK7Q37W'])('accepts %s', (code) => {
    expect(checkUscc(code).ok).toBe(true);
  });

  it('checks the embedded organisation code (GB 11714) separately', () => {
    const r = checkUscc('91110000600037342L');
    expect(!r.ok && r.problem).toMatch(/GB 11714/);
  });

  it('rejects a bad final check and letters outside the alphabet', () => {
    expect(checkUscc('91110000600037341M').ok).toBe(false);
    expect(checkUscc('91110000600037341I').ok).toBe(false);
  });

  it('makes valid codes', () => {
    expect(makeUscc('9', '1', '320102', 'MA1XK7Q3')).toBe('91320102MA1XK7Q37W');
  });
});

describe('division codes (GB/T 2260)', () => {
  it('knows levels and parents', () => {
    expect(checkDivisionCode('320000')).toEqual({ ok: true, level: 1 });
    expect(checkDivisionCode('320100')).toEqual({ ok: true, level: 2 });
    expect(checkDivisionCode('320102')).toEqual({ ok: true, level: 3 });
    expect(checkDivisionCode('320102003')).toEqual({ ok: true, level: 4 });
    expect(parentDivisionCode('320102003')).toBe('320102');
    expect(parentDivisionCode('320102')).toBe('320100');
    expect(parentDivisionCode('320100')).toBe('320000');
    expect(parentDivisionCode('320000')).toBeNull();
  });

  it('rejects malformed and unknown-province codes', () => {
    expect(checkDivisionCode('3201').ok).toBe(false);
    expect(checkDivisionCode('990100').ok).toBe(false);
  });

  it('tests containment by prefix', () => {
    expect(isWithinDivision('320102003', '320100')).toBe(true);
    expect(isWithinDivision('320102', '320102')).toBe(true);
    expect(isWithinDivision('320201', '320100')).toBe(false);
  });
});
