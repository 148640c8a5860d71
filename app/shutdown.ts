/** Graceful shutdown on SIGINT/SIGTERM: stop listening, drain, close databases, release locks. */
import { rootLogger } from '../lib/log';

export function onShutdown(close: () => Promise<void>): void {
  let closing = false;
  const handler = (signal: string) => {
    if (closing) return;
    closing = true;
    rootLogger.info({ signal }, 'shutting down');
    close()
      .catch((err) => rootLogger.error({ err }, 'error during shutdown'))
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}
