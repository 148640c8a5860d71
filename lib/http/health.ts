/**
 * `/healthz` (the process is up) and `/readyz` (its dependencies answer) — on every process,
 * so an orchestrator can tell a crashed process from one whose database is down.
 */
import type { Express } from 'express';

export type ReadinessCheck = () => Promise<Record<string, 'ok' | string>>;

export function mountHealth(app: Express, service: string, ready: ReadinessCheck): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service });
  });
  app.get('/readyz', async (_req, res) => {
    let checks: Record<string, string>;
    try {
      checks = await ready();
    } catch (err) {
      checks = { self: (err as Error).message };
    }
    const ok = Object.values(checks).every((v) => v === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready', service, checks });
  });
}
