import type { Logger } from '../lib/log';
import type { CredentialSubject } from '../lib/identity';

/** The gateway's per-request context: the request id and whom the request is for. */
export interface GatewayContext {
  requestId: string;
  log: Logger;
  /** The verified consumer with the request's purpose and grant, forwarded to subgraphs. */
  subject: CredentialSubject;
}
