/**
 * Why `govgraph subgraph init` refuses, each with its own exit code, so scripts (and tests)
 * can tell them apart. Printed as one line: `govgraph subgraph init: <CODE>: <what and what to do>`.
 */
export const INIT_REFUSALS = {
  INVALID_ARGUMENT: { exitCode: 2, description: 'a malformed subgraph name, department code, port, `--tables` or `--names`' },
  UNSUPPORTED_DATABASE_URL: { exitCode: 3, description: 'the `--db` URL is not `postgres://`, `postgresql://`, `mysql://` or `mariadb://`' },
  DATABASE_UNREACHABLE: { exitCode: 4, description: 'the database cannot be reached or refuses the login, or the database named does not exist' },
  NO_TABLES: { exitCode: 5, description: 'the database has no tables, or lacks a table `--tables` names' },
  ALREADY_EXISTS: { exitCode: 6, description: 'a subgraph of that name, or the department, already exists (registry, folder or policy file), or the port is taken' },
  NO_PRIMARY_KEY: { exitCode: 7, description: 'a table has no primary key the API can use (each type needs one): leave it out with `--tables`' },
  NOT_COMPOSABLE: { exitCode: 8, description: 'the generated subgraph would not compose with the others or would not pass `govgraph policy check`; nothing was written' },
} as const;

export type InitRefusalCode = keyof typeof INIT_REFUSALS;

export class InitRefusal extends Error {
  readonly exitCode: number;
  constructor(
    readonly code: InitRefusalCode,
    message: string,
  ) {
    super(message);
    this.exitCode = INIT_REFUSALS[code].exitCode;
  }
}
