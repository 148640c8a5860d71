import { applyMask } from './mask';

it.each([
  ['idNumber', '110101199003071234', '110101********1234'],
  ['idNumber', '32010220100708351X', '320102********351X'],
  ['phone', '13812345678', '138****5678'],
  ['name', '张三', '张*'],
  ['name', '欧阳娜娜', '欧***'],
  ['address', '江苏省南京市玄武区龙蟠路88号3幢502室', '江苏省南京市玄武区****'],
  ['address', '南京市某路1号', '南京市****'],
] as const)('%s masks %s as %s', (rule, value, masked) => {
  expect(applyMask(rule, value)).toBe(masked);
});

it('keeps null, empty strings and non-strings; masks lists element-wise', () => {
  expect(applyMask('phone', null)).toBeNull();
  expect(applyMask('phone', '')).toBe('');
  expect(applyMask('name', ['张三', '李四'])).toEqual(['张*', '李*']);
});
