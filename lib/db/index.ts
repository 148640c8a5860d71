export * from './database';
export { connectServer, redactUrl, dialectOfUrl } from './servers';
export { EmbeddedPostgres } from './embedded';
export { traceQueries } from './trace';
export { alignOne, alignMany, MAX_BATCH } from './align';
