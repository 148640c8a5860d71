import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor } from './cursor';

const USCC = '91320102MA1XK7Q37W';

function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e instanceof GraphQLError ? e.extensions.code : e;
  }
  return 'no error';
}

describe('legalPersons cursors', () => {
  it('round-trip a uscc and are opaque base64url', () => {
    const c = encodeCursor(USCC);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(c).not.toContain(USCC);
    expect(decodeCursor(c)).toBe(USCC);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/c='],
    ['no prefix', Buffer.from(USCC).toString('base64url')],
    ['bad checksum', encodeCursor('91320102MA1XK7Q37X')],
    ['lower case', encodeCursor(USCC.toLowerCase())],
    ['padded base64', encodeCursor(USCC) + '=='],
    ['garbage', 'bm90LWEtY3Vyc29y'],
  ])('reject %s as BAD_USER_INPUT', (_label, cursor) => {
    expect(codeOf(() => decodeCursor(cursor))).toBe('BAD_USER_INPUT');
  });
});
