/**
 * How the gateway serves the console (gateway/plugins/console.ts), without a browser: the
 * strict Content-Security-Policy on every file, the files themselves, demo identities only
 * outside production, and nothing outside gateway/console/ reachable through /console/.
 */
import express from 'express';
import { listen, type Listening } from '../../lib/http/listen';
import { CONSOLE_CSP, consoleDemoTokens, mountConsole } from '../../gateway/plugins/console';
import { generateKeyPairInMemory } from '../../lib/identity';

async function serve(production: boolean): Promise<Listening> {
  const app = express();
  mountConsole(app, { production, demoTokens: consoleDemoTokens(await generateKeyPairInMemory(), 60) });
  return listen(app as any, 0, '127.0.0.1');
}

describe.each([false, true])('the console, production=%s', (production) => {
  let http: Listening;
  beforeAll(async () => {
    http = await serve(production);
  });
  afterAll(() => http.close());

  it('serves the page in Chinese with a CSP that allows only its own origin', async () => {
    const res = await fetch(`${http.url}/console/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(CONSOLE_CSP).toContain("connect-src 'self'");
    expect(CONSOLE_CSP).not.toMatch(/unsafe|https?:|\*/);
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN">');
    // Every script and stylesheet the page names is its own (no CDN).
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.filter((r) => !r.startsWith('/') && !r.startsWith('#'))).toEqual([]);
  });

  it('serves its modules with the same headers, and redirects /console to /console/', async () => {
    const js = await fetch(`${http.url}/console/js/main.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    const bare = await fetch(`${http.url}/console`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/console/']);
  });

  it('reaches nothing outside gateway/console/', async () => {
    for (const p of ['/console/../plugins/console.ts', '/console/%2e%2e/plugins/console.ts', '/console/..%2fserver.ts', '/console/.hidden']) {
      const res = await fetch(`${http.url}${p}`);
      expect({ p, status: res.status }).toEqual({ p, status: 404 });
    }
  });

  it(production ? 'offers no demo identity in production' : 'offers demo identities with fresh tokens in the demo', async () => {
    const res = await fetch(`${http.url}/console/demo-identities.json`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as any;
    if (production) {
      expect(body).toEqual({ demo: false, identities: [] });
    } else {
      expect(body.demo).toBe(true);
      const roles = body.identities.map((d: any) => `${d.identity.dept}:${d.identity.roles.join(',')}`);
      expect(roles).toEqual(expect.arrayContaining(['public-security:security-officer', 'big-data-center:security-officer', 'civil-affairs:consumer']));
      for (const d of body.identities) expect(d.token.split('.')).toHaveLength(3);
    }
  });
});
