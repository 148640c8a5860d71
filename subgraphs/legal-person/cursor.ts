/**
 * Opaque `legalPersons` cursors. A cursor is base64url of "LP:" + the last 统一社会信用代码
 * of a page (keyset pagination by uscc); clients must not build them, and a cursor that
 * does not decode to a valid code is BAD_USER_INPUT, never a SQL error.
 */
import { errors } from '../../lib/errors';
import { checkUscc } from '../../lib/ids';

const PREFIX = 'LP:';
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function encodeCursor(uscc: string): string {
  return Buffer.from(PREFIX + uscc, 'utf8').toString('base64url');
}

/** The uscc a cursor points after; throws BAD_USER_INPUT for anything this API did not issue. */
export function decodeCursor(cursor: string, argumentName = 'after'): string {
  const decoded = BASE64URL.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const uscc = decoded.startsWith(PREFIX) ? decoded.slice(PREFIX.length) : '';
  // Re-encoding must give the same text: rejects padded or otherwise non-canonical forms.
  if (!uscc || !checkUscc(uscc).ok || uscc !== uscc.toUpperCase() || encodeCursor(uscc) !== cursor) {
    throw errors.badUserInput(`${argumentName} is not a cursor issued by legalPersons; pass a pageInfo.endCursor unchanged.`, argumentName);
  }
  return uscc;
}
