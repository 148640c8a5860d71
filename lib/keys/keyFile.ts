/** Writing key files so that no reader ever sees half a key, nor one readable by others. */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';

/**
 * Writes `content` to a new temporary file next to `file`, created (`wx`) with `mode` — a
 * private key is never readable by others, not even briefly — and synced to disk; returns its
 * path, for the caller to link or rename into place.
 */
export function writeTempKeyFile(file: string, content: string, mode: number): string {
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  const fd = fs.openSync(tmp, 'wx', mode);
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return tmp;
}
