/** A terminal progress bar for long seeds; plain log lines when stdout is not a terminal. */
import { SingleBar, Presets } from 'cli-progress';
import type { SeedProgress } from '../lib/subgraph/definition';

export function progressBar(): SeedProgress & { stop(): void } {
  let bar: SingleBar | undefined;
  let label = '';
  let lastLogged = 0;
  return {
    tick(done, total, newLabel) {
      if (!process.stdout.isTTY) {
        // Logs for CI: one line per label and every 10%.
        const pct = Math.floor((done / Math.max(total, 1)) * 10);
        if (newLabel !== label || pct > lastLogged || done === total) {
          process.stdout.write(`  ${newLabel}: ${done}/${total}\n`);
          lastLogged = newLabel !== label ? 0 : pct;
          label = newLabel;
        }
        return;
      }
      if (newLabel !== label) {
        bar?.stop();
        label = newLabel;
        bar = new SingleBar({ format: `  ${label.padEnd(28)} [{bar}] {percentage}% {value}/{total} {eta_formatted}` }, Presets.shades_classic);
        bar.start(total, done);
      }
      bar?.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}
