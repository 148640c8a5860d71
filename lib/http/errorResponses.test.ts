import express from 'express';
import pino from 'pino';
import { Writable } from 'node:stream';
import { listen, Listening } from './listen';
import { mountErrorHandlers } from './errorResponses';

/** A logger whose lines the test can read. */
function capturingLogger() {
  const lines: Array<Record<string, any>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

let server: Listening;
const { log, lines } = capturingLogger();
beforeAll(async () => {
  const app = express();
  app.get('/throws', () => {
    throw new Error('ENOENT: no such file, open /work/main/.data/secret — SELECT * FROM "RK_JBXX"');
  });
  app.get('/rejects', async () => {
    throw new TypeError('Cannot read properties of undefined (reading \'x\')');
  });
  app.get('/refuses', (_req, _res, next) => next(Object.assign(new Error('bad input at /work/main'), { status: 400, expose: true })));
  mountErrorHandlers(app, log);
  server = await listen(app, 0);
});
afterAll(() => server.close());

it('masks an error thrown by any middleware: 500 INTERNAL_SERVER_ERROR, a log id, the cause in the log only', async () => {
  for (const path of ['/throws', '/rejects']) {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    const logId = body.errors[0].extensions.logId;
    expect(logId).toMatch(/^[0-9a-f-]{36}$/);
    expect(text).not.toMatch(/work|SELECT|RK_JBXX|TypeError|Error:|\bat /);
    expect(lines.find((l) => l.logId === logId)?.err?.message).toBeDefined();
  }
});

it('keeps the 4xx of a refusal but not its message', async () => {
  const res = await fetch(`${server.url}/refuses`);
  expect(res.status).toBe(400);
  const text = await res.text();
  expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_REQUEST');
  expect(text).not.toContain('work');
});

it('answers an unknown path with 404 PATH_NOT_FOUND in JSON', async () => {
  const res = await fetch(`${server.url}/nope`);
  expect(res.status).toBe(404);
  expect(((await res.json()) as any).errors[0].extensions.code).toBe('PATH_NOT_FOUND');
});
