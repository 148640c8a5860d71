import { GraphQLError } from 'graphql';
import pino from 'pino';
import { maskErrors } from './maskErrors';
import { errors } from '../errors';

const log = pino({ level: 'silent' });
const mask = maskErrors(log);

it('passes expected errors through without a stack trace', () => {
  const err = errors.badUserInput('bad id', 'idNumber');
  const out = mask({ message: err.message, extensions: { ...err.extensions, stacktrace: ['at x'] } }, err);
  expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'idNumber' });
});

it('masks anything else to INTERNAL_SERVER_ERROR with a log id', () => {
  const driver = new Error('relation "RK_JBXX" does not exist');
  const out = mask({ message: driver.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, new GraphQLError(driver.message, { originalError: driver }));
  expect(out.extensions!.code).toBe('INTERNAL_SERVER_ERROR');
  expect(out.extensions!.logId).toMatch(/^[0-9a-f-]{36}$/);
  expect(out.message).not.toContain('RK_JBXX');
});

it('masks a GraphQLError whose code is not public', () => {
  const odd = new GraphQLError('secret', { extensions: { code: 'SOMETHING_ELSE' } });
  expect(mask({ message: 'secret', extensions: { code: 'SOMETHING_ELSE' } }, odd).extensions!.code).toBe('INTERNAL_SERVER_ERROR');
});
