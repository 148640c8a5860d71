/** GraphiQL's page furniture: a local favicon, and a font stack that can show Chinese. */
import express from 'express';
import type { RequestListener } from 'node:http';
import { listen, Listening } from '../../lib/http/listen';
import { mountGraphiQL } from './graphiql';

let http: Listening;

beforeAll(async () => {
  const app = express();
  mountGraphiQL(app);
  http = await listen(app as unknown as RequestListener, 0);
});
afterAll(async () => {
  await http?.close();
});

it('serves /favicon.ico from local files, as an icon', async () => {
  const res = await fetch(`${http.url}/favicon.ico`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  // ICONDIR: reserved 0, type 1 (icon), then at least one image.
  expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]);
  expect(bytes[4] + 256 * bytes[5]).toBeGreaterThan(0);
});

it('links the favicon and names CJK fonts in the page font stacks', async () => {
  const html = await (await fetch(`${http.url}/`)).text();
  expect(html).toContain('rel="icon" href="/favicon.ico"');
  for (const variable of ['--font-family:', '--font-family-mono:']) {
    const stack = html.split(variable)[1]?.split(';')[0] ?? '';
    expect(stack).toMatch(/Noto Sans (Mono )?CJK SC/);
    expect(stack).toContain('WenQuanYi Zen Hei');
  }
});
