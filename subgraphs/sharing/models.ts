/**
 * The shapes the sharing subgraph's resolvers return (codegen maps the GraphQL types to
 * these): rows of the platform database turned into API names, timestamps as ISO strings.
 */
import { grantInForce } from '../../lib/policy/engine';
import type { Grant } from '../../lib/policy/schema';
import type { ApplicationRow, DataIssueRow, EventRow, GrantRow, ReviewRow } from './db';

export const isoOrNull = (v: Date | string | null | undefined): string | null => (v === null || v === undefined ? null : new Date(v).toISOString());

export interface ApplicationModel {
  id: string;
  consumer: string;
  purpose: string;
  justification: string;
  fields: string[];
  unmasked: string[];
  jurisdiction: string;
  validUntil: string;
  status: ApplicationRow['status'];
  submittedBy: string;
  submittedAt: string;
  dueOn: string;
  decidedAt: string | null;
  grantId: string | null;
}

export function applicationModel(r: ApplicationRow): ApplicationModel {
  return {
    id: r.id,
    consumer: r.consumer,
    purpose: r.purpose,
    justification: r.justification,
    fields: r.fields,
    unmasked: r.unmasked,
    jurisdiction: r.jurisdiction,
    validUntil: r.valid_until,
    status: r.status,
    submittedBy: r.submitted_by,
    submittedAt: new Date(r.submitted_at).toISOString(),
    dueOn: r.due_on,
    decidedAt: isoOrNull(r.decided_at),
    grantId: r.grant_id,
  };
}

export interface ReviewModel {
  provider: string;
  status: ReviewRow['status'];
  fields: string[];
  approvedFields: string[] | null;
  unmasked: string[] | null;
  jurisdiction: string | null;
  validUntil: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
}

export function reviewModel(r: ReviewRow): ReviewModel {
  return {
    provider: r.provider,
    status: r.status,
    fields: r.fields,
    approvedFields: r.approved_fields,
    unmasked: r.unmasked,
    jurisdiction: r.jurisdiction,
    validUntil: r.valid_until,
    decidedBy: r.decided_by,
    decidedAt: isoOrNull(r.decided_at),
    reason: r.reason,
  };
}

export interface EventModel {
  at: string;
  actor: string;
  department: string;
  action: string;
  note: string | null;
}

export function eventModel(r: EventRow): EventModel {
  return { at: new Date(r.at).toISOString(), actor: r.actor, department: r.actor_dept, action: r.action, note: r.note };
}

export interface GrantModel {
  id: string;
  origin: 'FILE' | 'WORKFLOW';
  applicationId: string | null;
  consumer: string;
  purpose: string;
  fields: string[];
  unmasked: string[];
  jurisdiction: string;
  validFrom: string;
  validUntil: string;
  approvedBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

export function grantModelOfRow(r: GrantRow): GrantModel {
  return {
    id: r.id,
    origin: 'WORKFLOW',
    applicationId: r.application_id,
    consumer: r.consumer,
    purpose: r.purpose,
    fields: r.fields,
    unmasked: r.unmasked,
    jurisdiction: r.jurisdiction,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    approvedBy: r.approved_by,
    revokedAt: isoOrNull(r.revoked_at),
    revokedBy: r.revoked_by,
    revokeReason: r.revoke_reason,
  };
}

export function grantModelOfFile(g: Grant): GrantModel {
  return {
    id: g.id,
    origin: 'FILE',
    applicationId: null,
    consumer: g.consumer,
    purpose: g.purpose,
    fields: g.fields,
    unmasked: g.unmasked,
    jurisdiction: g.jurisdiction,
    validFrom: g.validFrom,
    validUntil: g.validUntil,
    approvedBy: g.approvedBy,
    revokedAt: g.revokedAt ?? null,
    revokedBy: null,
    revokeReason: null,
  };
}

/** In force on `now`, decided exactly as the policy engine decides it. */
export const grantIsActive = (g: GrantModel, now: Date): boolean => grantInForce(g, now);

export interface DataIssueModel {
  id: string;
  path: string;
  subjectKey: string;
  description: string;
  provider: string;
  reporter: string;
  reporterDepartment: string;
  reportedAt: string;
  status: DataIssueRow['status'];
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  outcome: DataIssueRow['outcome'];
  resolution: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export function dataIssueModel(r: DataIssueRow): DataIssueModel {
  return {
    id: r.id,
    path: r.path,
    subjectKey: r.subject_key,
    description: r.description,
    provider: r.provider,
    reporter: r.reporter,
    reporterDepartment: r.reporter_dept,
    reportedAt: new Date(r.reported_at).toISOString(),
    status: r.status,
    acknowledgedAt: isoOrNull(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by,
    outcome: r.outcome,
    resolution: r.resolution,
    resolvedAt: isoOrNull(r.resolved_at),
    resolvedBy: r.resolved_by,
  };
}
