export * from './entry';
export { AccessCollector } from './collector';
export { AccessLog, type AccessSearch, type AccessCursor, type StoredAccessEntry, type AccessLogOptions, type RestoredHead } from './accessLog';
export { HeadWitness, WITNESS_FILE, type WitnessedHead } from './witness';
export { AuditWriter, AuditUnavailable, type AuditSink, type AuditWriterOptions } from './auditWriter';
export { verifyAccessLog, type AuditProblem, type VerifyReport } from './verify';
export { AuditAnchor } from './anchor';
export { checkpointVerifierKeys, signCheckpoint, type CheckpointSigner } from './checkpoint';
export { archiveAccessLog, verifyArchiveFile, ARCHIVE_FORMAT } from './archive';
