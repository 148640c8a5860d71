/**
 * GET /console/ serves the officers' console (控制台) from the files in gateway/console/: plain
 * ES modules, HTML and CSS, no build step, no CDN, no external font — it works on an
 * air-gapped network. Served in production too (officers need it, unlike GraphiQL): it is
 * only static files, and the page talks to nothing but this gateway's POST /graphql, with
 * the signed-in user's own token — which the Content-Security-Policy below enforces in the
 * browser.
 *
 * In the demo (never in production) `/console/demo-identities.json` offers tokens for a few
 * demo identities — an officer of each provider, the platform's officer, consumer
 * caseworkers — signed by the demo issuer, as GraphiQL is given a demo token.
 */
import path from 'node:path';
import express, { type Express } from 'express';
import { issueToken, type Requester } from '../../lib/identity';
import type { Signer } from '../../lib/crypto';

/** One identity the demo's sign-in page offers. */
export interface ConsoleDemoIdentity {
  /** Shown on the sign-in page, e.g. `公安局 安全管理员`. */
  label: string;
  identity: Requester;
}

/** Mints a token per demo identity each time the sign-in page asks (so none goes stale). */
export type ConsoleDemoTokens = () => Promise<Array<{ label: string; token: string; identity: Requester }>>;

/** The demo's identities: an officer of each provider (two of public-security's), the platform's, two consumer caseworkers (all fictitious). */
export const CONSOLE_DEMO_IDENTITIES: ConsoleDemoIdentity[] = [
  { label: '公安局 安全管理员', identity: { user: 'ga-aq-01', dept: 'public-security', division: '320100', roles: ['security-officer'] } },
  // A second officer of the same department: policy changes need two (four eyes).
  { label: '公安局 安全管理员（复核）', identity: { user: 'ga-aq-02', dept: 'public-security', division: '320100', roles: ['security-officer'] } },
  { label: '市场监管局 安全管理员', identity: { user: 'sj-aq-01', dept: 'market-regulation', division: '320100', roles: ['security-officer'] } },
  { label: '自然资源局 安全管理员', identity: { user: 'zr-aq-01', dept: 'natural-resources', division: '320100', roles: ['security-officer'] } },
  { label: '人社局 安全管理员', identity: { user: 'rs-aq-01', dept: 'human-resources', division: '320100', roles: ['security-officer'] } },
  { label: '市大数据中心 安全管理员', identity: { user: 'dsj-aq-01', dept: 'big-data-center', division: '320100', roles: ['security-officer'] } },
  { label: '玄武区民政局 经办人', identity: { user: 'mz-xw-0007', dept: 'civil-affairs', division: '320102', roles: ['consumer'] } },
  { label: '江宁区税务局 经办人', identity: { user: 'sw-jn-0101', dept: 'tax', division: '320115', roles: ['consumer'] } },
];

/** Demo tokens for {@link CONSOLE_DEMO_IDENTITIES}, signed by `issuer` (the demo issuer, or a test's). */
export function consoleDemoTokens(issuer: Signer, ttlSeconds = 8 * 3600): ConsoleDemoTokens {
  return () =>
    Promise.all(CONSOLE_DEMO_IDENTITIES.map(async ({ label, identity }) => ({ label, identity, token: await issueToken(issuer, { ...identity, ttlSeconds }) })));
}

/**
 * Only this origin, for everything: no inline script or style, no frame, no form posting
 * elsewhere; `connect-src 'self'` keeps the token from ever leaving for another host.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const CONSOLE_DIR = path.join(__dirname, '..', 'console');

/**
 * @param options.demoTokens offered on the sign-in page; ignored when `production`.
 * @param options.production no demo identities whatever is passed.
 */
export function mountConsole(app: Express, options: { production: boolean; demoTokens?: ConsoleDemoTokens }): void {
  const headers: express.RequestHandler = (_req, res, next) => {
    res.set({
      'content-security-policy': CONSOLE_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
    next();
  };
  // Non-strict routing matches /console/ here too: only the bare path is redirected.
  app.get('/console', (req, res, next) => (req.path === '/console' ? res.redirect(301, '/console/') : next()));
  app.get('/console/demo-identities.json', headers, async (_req, res, next) => {
    res.set('cache-control', 'no-store');
    if (options.production || !options.demoTokens) {
      res.json({ demo: false, identities: [] });
      return;
    }
    try {
      res.json({ demo: true, identities: await options.demoTokens() });
    } catch (err) {
      next(err);
    }
  });
  app.use(
    '/console',
    headers,
    express.static(CONSOLE_DIR, {
      index: 'index.html',
      redirect: false,
      dotfiles: 'ignore',
      fallthrough: true,
      // index.html names the modules by path: no-cache makes a new release load at once.
      setHeaders: (res) => res.set('cache-control', 'no-cache'),
    }),
  );
}
