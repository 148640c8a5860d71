/**
 * `govgraph keys generate [--suite intl|sm] [--out DIR] [--force]` — writes the key material
 * for tokens, credentials, the access log and sealing (lib/crypto/generateKeys.ts) and prints
 * each file with the variable that configures it.
 */
import { cryptoSuiteName } from '../../lib/config';
import { describeGeneratedKeys, generateKeyFiles, KeyFilesExistError } from '../../lib/crypto/generateKeys';

export interface KeysGenerateOptions {
  /** `intl` or `sm`. @default GOVGRAPH_CRYPTO, else intl */
  suite?: string;
  /** @default ./govgraph-keys */
  out?: string;
  force?: boolean;
}

export function keysGenerateCommand(opts: KeysGenerateOptions): void {
  let suite: 'intl' | 'sm';
  try {
    suite = opts.suite === undefined ? cryptoSuiteName() : cryptoSuiteName({ GOVGRAPH_CRYPTO: opts.suite });
  } catch (err) {
    process.stderr.write(`govgraph keys generate: ${opts.suite === undefined ? (err as Error).message : `--suite must be intl or sm, got "${opts.suite}"`}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    const result = generateKeyFiles({ suite, dir: opts.out ?? 'govgraph-keys', force: opts.force });
    process.stdout.write(describeGeneratedKeys(result));
  } catch (err) {
    process.stderr.write(`govgraph keys generate: ${(err as Error).message}\n`);
    process.exitCode = err instanceof KeyFilesExistError ? 3 : 1;
  }
}
