/** What every bench script shares: its settings from the environment, and how it ends. */

/** A non-negative number from the environment, `fallback` when unset; anything else stops the script with its name. */
export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${JSON.stringify(raw)}`);
  return n;
}

/**
 * Runs a script's `main` and exits with its code — or 1, printing the error. Everything is
 * closed by then; if a handle still keeps the process alive, it says so and goes after 5 s.
 */
export function runScript(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
      setTimeout(() => {
        console.error(`${name}: something still holds the event loop after shutdown; exiting anyway`);
        process.exit(code);
      }, 5000).unref();
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
