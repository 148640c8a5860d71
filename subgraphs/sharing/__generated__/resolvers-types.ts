import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CatalogEntry as CatalogEntryModel } from '../../../lib/catalog/catalog';
import type { StoredAccessEntry as StoredAccessEntryModel, AccessRead as AccessReadModel, VerifyReport as VerifyReportModel, AuditProblem as AuditProblemModel } from '../../../lib/audit';
import type { AccessLogPageModel as AccessLogPageModelModel } from '../accessLogQueries';
import type { ApplicationModel as ApplicationModelModel, ReviewModel as ReviewModelModel, EventModel as EventModelModel, GrantModel as GrantModelModel, DataIssueModel as DataIssueModelModel } from '../models';
import type { ProviderStatisticsModel as ProviderStatisticsModelModel } from '../statistics';
import type { SharingContext } from '../loaders';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date, YYYY-MM-DD (GB/T 7408). 日期 */
  Date: { input: string; output: string; }
  /** An instant, ISO 8601 with offset, served in UTC. 日期时间 */
  DateTime: { input: string; output: string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** What a log record is about. */
export type AccessKind =
  /** Someone read the access log itself. */
  | 'AUDIT_READ'
  /** A read of personal data (returned, masked or withheld). */
  | 'DATA';

/** Search criteria for security officers; all optional, combined with AND. */
export type AccessLogFilter = {
  /** `full`, `masked`, `denied`, or exact, e.g. `denied(GRANT_REQUIRED)`. */
  decision?: InputMaybe<Scalars['String']['input']>;
  department?: InputMaybe<Scalars['String']['input']>;
  /** A field path, e.g. `Person.phone`. */
  field?: InputMaybe<Scalars['String']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** The grant the data was read under, exact, e.g. `G-DEMO-0001`. */
  grantId?: InputMaybe<Scalars['ID']['input']>;
  kind?: InputMaybe<AccessKind>;
  provider?: InputMaybe<Scalars['String']['input']>;
  /** The purpose code the reader declared (X-Purpose), exact, e.g. `social-assistance`. */
  purpose?: InputMaybe<Scalars['String']['input']>;
  requestId?: InputMaybe<Scalars['ID']['input']>;
  /** A data subject's key (身份号码, 统一社会信用代码 …). */
  subject?: InputMaybe<Scalars['ID']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
  user?: InputMaybe<Scalars['String']['input']>;
};

/** The result of recomputing every chain of the access log (`govgraph audit verify`). */
export type AccessLogIntegrity = {
  __typename?: 'AccessLogIntegrity';
  /** Hash chains checked: one per writing subgraph. */
  chains: Scalars['Int']['output'];
  checkpoints: Scalars['Int']['output'];
  intact: Scalars['Boolean']['output'];
  /** When the newest checkpoint was signed (the anchor signs one a minute while records come in); null before the first. Its signature is among what this verify checks. */
  lastCheckpointAt?: Maybe<Scalars['DateTime']['output']>;
  problems: Array<AccessLogProblem>;
  records: Scalars['Int']['output'];
};

/** A page of the access log, newest first. */
export type AccessLogPage = {
  __typename?: 'AccessLogPage';
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor?: Maybe<Scalars['String']['output']>;
  records: Array<AccessRecord>;
};

export type AccessLogProblem = {
  __typename?: 'AccessLogProblem';
  detail: Scalars['String']['output'];
  /** altered, inserted, deleted, truncated or bad-checkpoint */
  kind: Scalars['String']['output'];
  recordId?: Maybe<Scalars['ID']['output']>;
  seq: Scalars['Int']['output'];
  writer: Scalars['String']['output'];
};

/**
 * A background verify of the whole access log (立即校验): started by `startAccessLogVerification`,
 * read with `accessLogVerification` until it is no longer RUNNING. The same walk as
 * `accessLogIntegrity`, which answers only when it has ended — too late for a large log.
 */
export type AccessLogVerification = {
  __typename?: 'AccessLogVerification';
  chains?: Maybe<Scalars['Int']['output']>;
  checkpoints?: Maybe<Scalars['Int']['output']>;
  /** Why it did not end (FAILED only). */
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** Whether every chain verified (DONE only). */
  intact?: Maybe<Scalars['Boolean']['output']>;
  /** When the newest checkpoint was signed; null before the first. */
  lastCheckpointAt?: Maybe<Scalars['DateTime']['output']>;
  problems: Array<AccessLogProblem>;
  records?: Maybe<Scalars['Int']['output']>;
  requestedBy: Scalars['String']['output'];
  requestedByDepartment: Scalars['String']['output'];
  startedAt: Scalars['DateTime']['output'];
  state: AccessLogVerificationState;
};

export type AccessLogVerificationState =
  | 'DONE'
  | 'FAILED'
  | 'RUNNING';

/** What one group of fields of one group of records got. */
export type AccessRead = {
  __typename?: 'AccessRead';
  /** `full`, `masked(<rule>)` or `denied(<reason>)`. */
  decision: Scalars['String']['output'];
  /** `Type.field` paths. */
  fields: Array<Scalars['String']['output']>;
  /** Whose records (身份号码, 统一社会信用代码, 户号 …). In a citizen's own history: only theirs. */
  subjects: Array<Scalars['String']['output']>;
};

/**
 * One record of the tamper-evident access log: what one provider department released or
 * withheld of personal data for one request, to whom, for what, under which policy revision.
 * A request that read from several departments leaves one record per department, with the
 * same `requestId`.
 */
export type AccessRecord = {
  __typename?: 'AccessRecord';
  at: Scalars['DateTime']['output'];
  /** Pass as `after` to continue a list after this record. */
  cursor: Scalars['String']['output'];
  department: Scalars['String']['output'];
  division: Scalars['String']['output'];
  grantId?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  kind: AccessKind;
  /** SHA-256 of the client's operation document. */
  operationHash?: Maybe<Scalars['String']['output']>;
  operationName?: Maybe<Scalars['String']['output']>;
  policyRevision: Scalars['String']['output'];
  /** The department that disclosed (or withheld) the data. */
  provider: Scalars['String']['output'];
  purpose?: Maybe<Scalars['String']['output']>;
  reads: Array<AccessRead>;
  requestId: Scalars['ID']['output'];
  /** The record's place in its writer's hash chain. */
  seq: Scalars['Int']['output'];
  /** The subgraph that served it, which is also the record's chain (writer). */
  service: Scalars['String']['output'];
  /** The user (token `sub`) and department that read it. */
  user: Scalars['String']['output'];
};

/** Applications on one calendar day (Asia/Shanghai): submitted, decided each way, and still pending at the day's end. */
export type ApplicationDay = {
  __typename?: 'ApplicationDay';
  /** Decided that day, by final state. */
  approved: Scalars['Int']['output'];
  date: Scalars['Date']['output'];
  partiallyApproved: Scalars['Int']['output'];
  /** Submitted by the day's end and not yet decided then. */
  pending: Scalars['Int']['output'];
  rejected: Scalars['Int']['output'];
  submitted: Scalars['Int']['output'];
  withdrawn: Scalars['Int']['output'];
};

export type ApplicationEvent = {
  __typename?: 'ApplicationEvent';
  /** submitted, approved, rejected, withdrawn, granted, revoked … */
  action: Scalars['String']['output'];
  actor: Scalars['String']['output'];
  at: Scalars['DateTime']['output'];
  department: Scalars['String']['output'];
  note?: Maybe<Scalars['String']['output']>;
};

export type ApplicationInput = {
  /** Conditional fields: `Type.field`, or `Type.*` for every conditional field of a type. */
  fields: Array<Scalars['String']['input']>;
  /** GB/T 2260 code; default the consumer's own division. */
  jurisdiction?: InputMaybe<Scalars['ID']['input']>;
  /** Why the data is needed, the legal basis and consent held (申请理由). */
  justification: Scalars['String']['input'];
  /** The purpose code the grant will be bound to (sent later as X-Purpose). */
  purpose: Scalars['String']['input'];
  /** Which of them the consumer needs unmasked. */
  unmasked?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Default one year from today; at most three years. */
  validUntil?: InputMaybe<Scalars['Date']['input']>;
};

export type ApplicationStatus =
  /** Every provider approved; the grant is in force. */
  | 'APPROVED'
  /** Some providers approved, some rejected; the grant covers the approved part. */
  | 'PARTIALLY_APPROVED'
  /** Waiting for one or more providers. */
  | 'PENDING'
  /** Every provider rejected. */
  | 'REJECTED'
  /** The consumer withdrew it. */
  | 'WITHDRAWN';

export type ApprovalInput = {
  /** Narrow the fields (a subset of this provider's part). */
  fields?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Narrow the jurisdiction (within the one applied for). */
  jurisdiction?: InputMaybe<Scalars['ID']['input']>;
  note?: InputMaybe<Scalars['String']['input']>;
  /** Narrow what is unmasked. */
  unmasked?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Shorten the validity. */
  validUntil?: InputMaybe<Scalars['Date']['input']>;
};

/**
 * One data item of the resource catalog (政务信息资源目录), generated at run time from the
 * composed supergraph and the sharing policies, so it cannot drift from what is served.
 */
export type CatalogEntry = {
  __typename?: 'CatalogEntry';
  /** How a consumer may obtain it (中文 / English); null when open to every consumer. */
  conditions?: Maybe<Scalars['String']['output']>;
  description?: Maybe<Scalars['String']['output']>;
  fieldName: Scalars['String']['output'];
  /** The field's GraphQL type, e.g. `String`, `[RealEstateRight!]`. */
  graphqlType: Scalars['String']['output'];
  /** Why it is not shared (mandatory for NOT_SHARED). */
  legalBasis?: Maybe<Scalars['String']['output']>;
  /** The mask applied unless a grant unmasks it (idNumber, phone, name, address); null when none. */
  mask?: Maybe<Scalars['String']['output']>;
  /** `Type.field`, e.g. `Person.phone`. */
  path: Scalars['String']['output'];
  /** Personal information (PIPL): reading it needs X-Purpose and stays within jurisdiction. */
  personal: Scalars['Boolean']['output'];
  /** The authoritative provider department (一数一源). */
  provider: Scalars['String']['output'];
  sharing: SharingClass;
  /** The subgraph that serves it. */
  subgraph: Scalars['String']['output'];
  typeDescription?: Maybe<Scalars['String']['output']>;
  typeName: Scalars['String']['output'];
  updateFrequency?: Maybe<Scalars['String']['output']>;
};

export type ConsumerUse = {
  __typename?: 'ConsumerUse';
  department: Scalars['String']['output'];
  requests: Scalars['Int']['output'];
};

/**
 * A suspected error in a data item, reported by a consumer and routed to the item's
 * authoritative provider (多元校核).
 */
export type DataIssue = {
  __typename?: 'DataIssue';
  acknowledgedAt?: Maybe<Scalars['DateTime']['output']>;
  acknowledgedBy?: Maybe<Scalars['String']['output']>;
  description: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  outcome?: Maybe<DataIssueOutcome>;
  /** `Type.field`, e.g. `Person.registeredAddress`. */
  path: Scalars['String']['output'];
  /** The authoritative provider it was routed to. */
  provider: Scalars['String']['output'];
  reportedAt: Scalars['DateTime']['output'];
  reporter: Scalars['String']['output'];
  reporterDepartment: Scalars['String']['output'];
  resolution?: Maybe<Scalars['String']['output']>;
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  resolvedBy?: Maybe<Scalars['String']['output']>;
  status: DataIssueStatus;
  /** The record's key (身份号码, 统一社会信用代码 …). */
  subjectKey: Scalars['ID']['output'];
};

export type DataIssueOutcome =
  /** The provider corrected its data. */
  | 'CORRECTED'
  /** The provider checked and found its data right. */
  | 'NO_ERROR_FOUND';

export type DataIssueStatus =
  | 'ACKNOWLEDGED'
  | 'OPEN'
  | 'RESOLVED';

/** What one field's policy becomes; an omitted value stays as it is. */
export type FieldPolicyChangeInput = {
  /** Mandatory for NOT_SHARED; an empty string removes it. */
  legalBasis?: InputMaybe<Scalars['String']['input']>;
  /** `idNumber`, `phone`, `name`, `address` or `none`. */
  mask?: InputMaybe<Scalars['String']['input']>;
  /** `Type.field` */
  path: Scalars['String']['input'];
  personal?: InputMaybe<Scalars['Boolean']['input']>;
  sharing?: InputMaybe<SharingClass>;
};

/** A field's sharing class, personal flag, masking rule and legal basis. */
export type FieldPolicyState = {
  __typename?: 'FieldPolicyState';
  legalBasis?: Maybe<Scalars['String']['output']>;
  /** `idNumber`, `phone`, `name`, `address` or `none`. */
  mask: Scalars['String']['output'];
  personal: Scalars['Boolean']['output'];
  sharing: SharingClass;
};

/** What a consuming department sees of one field under the policy in force (`govgraph policy explain`). */
export type FieldVisibility = {
  __typename?: 'FieldVisibility';
  /** `Type.field`, e.g. `Person.phone`. */
  path: Scalars['String']['output'];
  personal: Scalars['Boolean']['output'];
  /** The classifying provider department; `(unclassified)` when no policy file names the field. */
  provider: Scalars['String']['output'];
  /** The subgraph whose answer the view describes. */
  servedBy: Scalars['String']['output'];
  /** `unconditional`, `conditional`, `not-shared`, or `unclassified`. */
  sharing: Scalars['String']['output'];
  /** `full`, `masked(<rule>)` or `denied(<REASON>)`. */
  view: Scalars['String']['output'];
};

/**
 * An application for conditional data (有条件共享): a consumer asks, each provider concerned
 * answers within the configured working days (10 by default); approval becomes a grant the
 * policy engine honours within seconds.
 */
export type GrantApplication = {
  __typename?: 'GrantApplication';
  consumer: Scalars['String']['output'];
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The answer deadline: the Nth working day after submission (policies/calendar/working-days.yaml). */
  dueOn: Scalars['Date']['output'];
  fields: Array<Scalars['String']['output']>;
  grant?: Maybe<SharingGrant>;
  history: Array<ApplicationEvent>;
  id: Scalars['ID']['output'];
  jurisdiction: Scalars['ID']['output'];
  justification: Scalars['String']['output'];
  /** Still pending after its due date. */
  overdue: Scalars['Boolean']['output'];
  purpose: Scalars['String']['output'];
  reviews: Array<ProviderReview>;
  status: ApplicationStatus;
  submittedAt: Scalars['DateTime']['output'];
  submittedBy: Scalars['String']['output'];
  unmasked: Array<Scalars['String']['output']>;
  validUntil: Scalars['Date']['output'];
  /** Working days until the due date (negative when overdue); null once decided. */
  workingDaysLeft?: Maybe<Scalars['Int']['output']>;
};

export type GrantOrigin =
  /** A file in policies/grants/, kept by security officers. */
  | 'FILE'
  /** Approved through the application workflow. */
  | 'WORKFLOW';

export type Mutation = {
  __typename?: 'Mutation';
  /** The provider acknowledges a report. */
  acknowledgeDataIssue: DataIssue;
  /** A provider's security officer approves its part, optionally narrowing it. */
  approveApplication: GrantApplication;
  /** A second security officer (of the provider, or the platform operator's) approves: the change is written and in force on return in this process, within seconds everywhere. */
  approvePolicyChange: PolicyChange;
  /** A provider's security officer proposes a change to its field policies; nothing changes until a second officer approves. */
  proposePolicyChange: PolicyChange;
  /** A provider's security officer rejects its part, with a reason. */
  rejectApplication: GrantApplication;
  /** A second security officer rejects the proposal, with a reason. */
  rejectPolicyChange: PolicyChange;
  /** A consumer reports a suspected error; it is routed to the field's authoritative provider. */
  reportDataIssue: DataIssue;
  /** The provider resolves a report. */
  resolveDataIssue: DataIssue;
  /** Ends a grant now (a provider's security officer, or the consumer giving it up). */
  revokeGrant: SharingGrant;
  /** Starts a background verify of every chain of the access log, or answers the one already running (security officers). */
  startAccessLogVerification: AccessLogVerification;
  /** A consumer applies for conditional fields (role consumer). */
  submitApplication: GrantApplication;
  /** The consumer withdraws its pending application. */
  withdrawApplication: GrantApplication;
  /** The proposer takes the proposal back. */
  withdrawPolicyChange: PolicyChange;
};


export type MutationAcknowledgeDataIssueArgs = {
  id: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
};


export type MutationApproveApplicationArgs = {
  decision?: InputMaybe<ApprovalInput>;
  id: Scalars['ID']['input'];
  provider?: InputMaybe<Scalars['String']['input']>;
};


export type MutationApprovePolicyChangeArgs = {
  id: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
};


export type MutationProposePolicyChangeArgs = {
  input: PolicyChangeInput;
};


export type MutationRejectApplicationArgs = {
  id: Scalars['ID']['input'];
  provider?: InputMaybe<Scalars['String']['input']>;
  reason: Scalars['String']['input'];
};


export type MutationRejectPolicyChangeArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationReportDataIssueArgs = {
  description: Scalars['String']['input'];
  path: Scalars['String']['input'];
  subjectKey: Scalars['ID']['input'];
};


export type MutationResolveDataIssueArgs = {
  id: Scalars['ID']['input'];
  outcome: DataIssueOutcome;
  resolution: Scalars['String']['input'];
};


export type MutationRevokeGrantArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationSubmitApplicationArgs = {
  input: ApplicationInput;
};


export type MutationWithdrawApplicationArgs = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationWithdrawPolicyChangeArgs = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};

/**
 * A change to one provider's field policies, proposed in the console by one of its security
 * officers and applied only when a second officer approves it (四眼原则). Applying it rewrites the
 * provider's file in the policy directory (comments and untouched lines kept), which every
 * subgraph reloads as it reloads any edit.
 */
export type PolicyChange = {
  __typename?: 'PolicyChange';
  afterRevision?: Maybe<Scalars['String']['output']>;
  afterYaml: Scalars['String']['output'];
  /** The policy revision in force when it was proposed. */
  baseRevision: Scalars['String']['output'];
  /** The revision the change replaced and the one it made (APPLIED only). */
  beforeRevision?: Maybe<Scalars['String']['output']>;
  /** The provider file before and after, as text (a reviewable export for GitOps). */
  beforeYaml: Scalars['String']['output'];
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The second officer who approved or rejected it, or the proposer who withdrew it. */
  decidedBy?: Maybe<Scalars['String']['output']>;
  decidedByDepartment?: Maybe<Scalars['String']['output']>;
  /** The approver's note, or the reason for rejecting or withdrawing. */
  decisionNote?: Maybe<Scalars['String']['output']>;
  /** Who sees what differently, as computed when it was proposed. */
  effect: Array<PolicyChangeEffect>;
  fields: Array<PolicyFieldChange>;
  /** Its policy file, relative to the policy directory (e.g. `public-security.yaml`). */
  file: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  proposedAt: Scalars['DateTime']['output'];
  proposedBy: Scalars['String']['output'];
  proposedByDepartment: Scalars['String']['output'];
  /** The provider department whose fields change. */
  provider: Scalars['String']['output'];
  /** Why the proposer wants it. */
  reason: Scalars['String']['output'];
  status: PolicyChangeStatus;
};

export type PolicyChangeDirection =
  | 'CHANGE'
  | 'GAIN'
  | 'LOSS';

/**
 * One consumer whose view of one field a change alters: `before` and `after` as `policy
 * explain` prints them (`full`, `masked(<rule>)`, `denied(<REASON>)`).
 */
export type PolicyChangeEffect = {
  __typename?: 'PolicyChangeEffect';
  after: Scalars['String']['output'];
  before: Scalars['String']['output'];
  /** The consuming department; null for every consumer without a grant. */
  consumer?: Maybe<Scalars['String']['output']>;
  /** GAIN (sees more), LOSS (sees less) or CHANGE (as much, masked otherwise). */
  direction: PolicyChangeDirection;
  /** The grant the view is under; null without one. */
  grantId?: Maybe<Scalars['ID']['output']>;
  path: Scalars['String']['output'];
};

export type PolicyChangeInput = {
  changes: Array<FieldPolicyChangeInput>;
  /** The provider department whose fields change (the proposer must be its security officer). */
  provider: Scalars['String']['input'];
  /** Why: shown to the approving officer and kept with the change. */
  reason: Scalars['String']['input'];
};

/** What a change would do, before it is proposed: nothing is recorded. */
export type PolicyChangePreview = {
  __typename?: 'PolicyChangePreview';
  afterRevision?: Maybe<Scalars['String']['output']>;
  afterYaml: Scalars['String']['output'];
  /** The revision in force now, and the one the change would make (null when it is invalid). */
  beforeRevision: Scalars['String']['output'];
  beforeYaml: Scalars['String']['output'];
  effect: Array<PolicyChangeEffect>;
  fields: Array<PolicyFieldChange>;
  file: Scalars['String']['output'];
  /** What `govgraph policy check` would find wrong with the result; empty when it may be proposed. */
  problems: Array<Scalars['String']['output']>;
  provider: Scalars['String']['output'];
};

export type PolicyChangeStatus =
  /** Approved and in force (written to the policy file). */
  | 'APPLIED'
  /** Waiting for a second officer. */
  | 'PROPOSED'
  | 'REJECTED'
  | 'WITHDRAWN';

/**
 * The `govgraph policy explain` matrix for one consumer, grant, jurisdiction and purpose, computed
 * from the policy this sharing-subgraph process enforces.
 */
export type PolicyExplanation = {
  __typename?: 'PolicyExplanation';
  /** The instant it was computed for. */
  asOf: Scalars['DateTime']['output'];
  /** The consumer's own jurisdiction (GB/T 2260). */
  consumerDivision: Scalars['String']['output'];
  /** The consuming department explained. */
  department: Scalars['String']['output'];
  fields: Array<FieldVisibility>;
  /** A sentence on the grant's state (English, as the CLI prints it). */
  grantDetail: Scalars['String']['output'];
  grantId?: Maybe<Scalars['ID']['output']>;
  /** `none`, `valid`, `expired`, `purpose mismatch` or `unknown`. */
  grantState: Scalars['String']['output'];
  /** The policy revision the matrix was computed under. */
  policyRevision: Scalars['String']['output'];
  purpose: Scalars['String']['output'];
  /** `given`, `grant` (the grant's purpose) or `default` (`explain`). */
  purposeSource: Scalars['String']['output'];
  /** The division of the records read. */
  recordDivision: Scalars['String']['output'];
};

/** One field's policy before and after a change. */
export type PolicyFieldChange = {
  __typename?: 'PolicyFieldChange';
  after: FieldPolicyState;
  before: FieldPolicyState;
  /** `Type.field` */
  path: Scalars['String']['output'];
};

/** One provider's decision on the part of an application that concerns its fields (联合审批). */
export type ProviderReview = {
  __typename?: 'ProviderReview';
  /** What the provider approved (it may narrow). */
  approvedFields?: Maybe<Array<Scalars['String']['output']>>;
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  decidedBy?: Maybe<Scalars['String']['output']>;
  /** The fields of this provider the application asks for. */
  fields: Array<Scalars['String']['output']>;
  jurisdiction?: Maybe<Scalars['ID']['output']>;
  provider: Scalars['String']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  status: ReviewStatus;
  unmasked?: Maybe<Array<Scalars['String']['output']>>;
  validUntil?: Maybe<Scalars['Date']['output']>;
};

/** Measured use and responsiveness of one provider department over a period. */
export type ProviderStatistics = {
  __typename?: 'ProviderStatistics';
  /** Access-log records this provider wrote. */
  accessRecords: Scalars['Int']['output'];
  /** Mean working days from submission to this provider's decision, over decisions in the period. */
  averageApplicationWorkingDays?: Maybe<Scalars['Float']['output']>;
  /** Mean hours from report to resolution, over issues resolved in the period. */
  averageDataIssueHours?: Maybe<Scalars['Float']['output']>;
  /** Requests per consuming department, most first. */
  consumers: Array<ConsumerUse>;
  openDataIssues: Scalars['Int']['output'];
  overdueApplications: Scalars['Int']['output'];
  pendingApplications: Scalars['Int']['output'];
  provider: Scalars['String']['output'];
  /** Requests that read (or were refused) this provider's personal data (from the access log). */
  requests: Scalars['Int']['output'];
  resolvedDataIssues: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  /**
   * Who read this person's data, when, for what: for security officers, and for a citizen
   * channel acting for this very person. Reading it is itself logged.
   */
  accessHistory: Array<AccessRecord>;
  /** Search the access log (security officers). Reading it is itself logged. */
  accessLog: AccessLogPage;
  /** Recompute every chain of the access log now (security officers). */
  accessLogIntegrity: AccessLogIntegrity;
  /** The newest background verify of the access log, running or ended (security officers); null before the first. */
  accessLogVerification?: Maybe<AccessLogVerification>;
  application?: Maybe<GrantApplication>;
  /** Applications by state per day, from `from` to `to` inclusive (default the last 30 days, at most 366), counting only the applications the caller may see (as `applications`). */
  applicationTrend: Array<ApplicationDay>;
  /** Applications the caller may see: its own department's, those addressed to it as provider, or all for the platform operator. */
  applications: Array<GrantApplication>;
  /** The resource catalog (政务信息资源目录). */
  catalog: Array<CatalogEntry>;
  dataIssue?: Maybe<DataIssue>;
  dataIssues: Array<DataIssue>;
  grant?: Maybe<SharingGrant>;
  grants: Array<SharingGrant>;
  /** Who the caller is and what its roles allow (any authenticated caller; reads nothing else). */
  me: Viewer;
  policyChange?: Maybe<PolicyChange>;
  /** Policy changes of the providers the caller acts for (all for the platform operator), newest first (security officers). */
  policyChanges: Array<PolicyChange>;
  /**
   * What department `department` sees of every field (`govgraph policy explain`), under grant
   * `grantId` if given, reading records of `division` (default: `consumerDivision`), with a
   * consumer jurisdiction of `consumerDivision` (default 320100), for `purpose` (default: the
   * grant's, else `explain`), as of `asOf` (default now) — computed from the policy in force in
   * this process (security officers). A grant the caller may not see is refused as not found.
   */
  policyExplain: PolicyExplanation;
  /** What a change would do — the file diff, who gains or loses which field, and `policy check`'s verdict — without proposing it (security officers). */
  previewPolicyChange: PolicyChangePreview;
  /** Use and responsiveness per provider department, by default over the last 30 days. */
  sharingStatistics: Array<ProviderStatistics>;
};


export type QueryAccessHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  idNumber: Scalars['ID']['input'];
};


export type QueryAccessLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AccessLogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryApplicationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryApplicationTrendArgs = {
  from?: InputMaybe<Scalars['Date']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
};


export type QueryApplicationsArgs = {
  consumer?: InputMaybe<Scalars['String']['input']>;
  overdue?: InputMaybe<Scalars['Boolean']['input']>;
  provider?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<ApplicationStatus>;
};


export type QueryCatalogArgs = {
  provider?: InputMaybe<Scalars['String']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
  sharing?: InputMaybe<SharingClass>;
};


export type QueryDataIssueArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDataIssuesArgs = {
  provider?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<DataIssueStatus>;
};


export type QueryGrantArgs = {
  id: Scalars['ID']['input'];
};


export type QueryGrantsArgs = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  consumer?: InputMaybe<Scalars['String']['input']>;
};


export type QueryPolicyChangeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPolicyChangesArgs = {
  provider?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<PolicyChangeStatus>;
};


export type QueryPolicyExplainArgs = {
  asOf?: InputMaybe<Scalars['DateTime']['input']>;
  consumerDivision?: InputMaybe<Scalars['ID']['input']>;
  department: Scalars['String']['input'];
  division?: InputMaybe<Scalars['ID']['input']>;
  grantId?: InputMaybe<Scalars['ID']['input']>;
  purpose?: InputMaybe<Scalars['String']['input']>;
};


export type QueryPreviewPolicyChangeArgs = {
  input: PolicyChangeInput;
};


export type QuerySharingStatisticsArgs = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** One provider's part of an application. */
export type ReviewStatus =
  | 'APPROVED'
  /** Waiting for this provider's decision (only while the application is PENDING). */
  | 'PENDING'
  | 'REJECTED'
  /** The consumer withdrew the application before this provider decided: nothing waits for it. The application's history says when and why. */
  | 'WITHDRAWN';

/** The three sharing classes of 国发〔2016〕51号. */
export type SharingClass =
  /** 有条件共享: readable only under an approved application (a grant). */
  | 'CONDITIONAL'
  /** 不予共享: never leaves its provider; has a recorded legal basis. */
  | 'NOT_SHARED'
  /** 无条件共享: any authenticated government consumer may read it. */
  | 'UNCONDITIONAL';

/** An approved application: what a consumer may read, for which purpose, where and until when. */
export type SharingGrant = {
  __typename?: 'SharingGrant';
  /** In force today (inside its window, not revoked). */
  active: Scalars['Boolean']['output'];
  applicationId?: Maybe<Scalars['ID']['output']>;
  approvedBy: Scalars['String']['output'];
  consumer: Scalars['String']['output'];
  fields: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  jurisdiction: Scalars['ID']['output'];
  origin: GrantOrigin;
  purpose: Scalars['String']['output'];
  revokeReason?: Maybe<Scalars['String']['output']>;
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  revokedBy?: Maybe<Scalars['String']['output']>;
  unmasked: Array<Scalars['String']['output']>;
  validFrom: Scalars['Date']['output'];
  validUntil: Scalars['Date']['output'];
};

/**
 * Who the caller is, as its verified token says, and what its roles let it do here — the
 * officers' console (gateway/console/) shows it at sign-in and offers only what is allowed.
 * Every operation still checks the roles itself; this only saves a refused click.
 */
export type Viewer = {
  __typename?: 'Viewer';
  /** Provider departments whose data-quality reports the caller may acknowledge and resolve. */
  answersReportsFor: Array<Scalars['String']['output']>;
  /** May apply for conditional data, withdraw, give up its own department's grants and report data issues (consumer). */
  applies: Scalars['Boolean']['output'];
  /** The citizen a citizen channel acts for (token `citizen`), else null. */
  citizen?: Maybe<Scalars['ID']['output']>;
  /** Provider departments on whose part of an application the caller may decide, and whose grants it may revoke (security officer of that provider). */
  decidesFor: Array<Scalars['String']['output']>;
  /** The caller's department code (token `dept`). */
  department: Scalars['String']['output'];
  /** The caller's jurisdiction, a GB/T 2260 code (token `division`). */
  division: Scalars['String']['output'];
  /** The platform operator (大数据中心): sees every application, grant and report. */
  platformOperator: Scalars['Boolean']['output'];
  /** May search the access log, verify it and read statistics (security officer). */
  readsAccessLog: Scalars['Boolean']['output'];
  roles: Array<Scalars['String']['output']>;
  /** The user id (token `sub`). */
  user: Scalars['String']['output'];
  /** Departments whose applications, grants and reports the caller sees; null: all of them. */
  visibleDepartments?: Maybe<Array<Scalars['String']['output']>>;
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AccessKind: AccessKind;
  AccessLogFilter: AccessLogFilter;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AccessLogIntegrity: ResolverTypeWrapper<VerifyReportModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AccessLogPage: ResolverTypeWrapper<AccessLogPageModelModel>;
  AccessLogProblem: ResolverTypeWrapper<AuditProblemModel>;
  AccessLogVerification: ResolverTypeWrapper<Omit<AccessLogVerification, 'problems'> & { problems: Array<ResolversTypes['AccessLogProblem']> }>;
  AccessLogVerificationState: AccessLogVerificationState;
  AccessRead: ResolverTypeWrapper<AccessReadModel>;
  AccessRecord: ResolverTypeWrapper<StoredAccessEntryModel>;
  ApplicationDay: ResolverTypeWrapper<ApplicationDay>;
  ApplicationEvent: ResolverTypeWrapper<EventModelModel>;
  ApplicationInput: ApplicationInput;
  ApplicationStatus: ApplicationStatus;
  ApprovalInput: ApprovalInput;
  CatalogEntry: ResolverTypeWrapper<CatalogEntryModel>;
  ConsumerUse: ResolverTypeWrapper<ConsumerUse>;
  DataIssue: ResolverTypeWrapper<DataIssueModelModel>;
  DataIssueOutcome: DataIssueOutcome;
  DataIssueStatus: DataIssueStatus;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  FieldPolicyChangeInput: FieldPolicyChangeInput;
  FieldPolicyState: ResolverTypeWrapper<FieldPolicyState>;
  FieldVisibility: ResolverTypeWrapper<FieldVisibility>;
  GrantApplication: ResolverTypeWrapper<ApplicationModelModel>;
  GrantOrigin: GrantOrigin;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PolicyChange: ResolverTypeWrapper<PolicyChange>;
  PolicyChangeDirection: PolicyChangeDirection;
  PolicyChangeEffect: ResolverTypeWrapper<PolicyChangeEffect>;
  PolicyChangeInput: PolicyChangeInput;
  PolicyChangePreview: ResolverTypeWrapper<PolicyChangePreview>;
  PolicyChangeStatus: PolicyChangeStatus;
  PolicyExplanation: ResolverTypeWrapper<PolicyExplanation>;
  PolicyFieldChange: ResolverTypeWrapper<PolicyFieldChange>;
  ProviderReview: ResolverTypeWrapper<ReviewModelModel>;
  ProviderStatistics: ResolverTypeWrapper<ProviderStatisticsModelModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReviewStatus: ReviewStatus;
  SharingClass: SharingClass;
  SharingGrant: ResolverTypeWrapper<GrantModelModel>;
  Viewer: ResolverTypeWrapper<Viewer>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AccessLogFilter: AccessLogFilter;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  AccessLogIntegrity: VerifyReportModel;
  Int: Scalars['Int']['output'];
  Boolean: Scalars['Boolean']['output'];
  AccessLogPage: AccessLogPageModelModel;
  AccessLogProblem: AuditProblemModel;
  AccessLogVerification: Omit<AccessLogVerification, 'problems'> & { problems: Array<ResolversParentTypes['AccessLogProblem']> };
  AccessRead: AccessReadModel;
  AccessRecord: StoredAccessEntryModel;
  ApplicationDay: ApplicationDay;
  ApplicationEvent: EventModelModel;
  ApplicationInput: ApplicationInput;
  ApprovalInput: ApprovalInput;
  CatalogEntry: CatalogEntryModel;
  ConsumerUse: ConsumerUse;
  DataIssue: DataIssueModelModel;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  FieldPolicyChangeInput: FieldPolicyChangeInput;
  FieldPolicyState: FieldPolicyState;
  FieldVisibility: FieldVisibility;
  GrantApplication: ApplicationModelModel;
  Mutation: Record<PropertyKey, never>;
  PolicyChange: PolicyChange;
  PolicyChangeEffect: PolicyChangeEffect;
  PolicyChangeInput: PolicyChangeInput;
  PolicyChangePreview: PolicyChangePreview;
  PolicyExplanation: PolicyExplanation;
  PolicyFieldChange: PolicyFieldChange;
  ProviderReview: ReviewModelModel;
  ProviderStatistics: ProviderStatisticsModelModel;
  Float: Scalars['Float']['output'];
  Query: Record<PropertyKey, never>;
  SharingGrant: GrantModelModel;
  Viewer: Viewer;
}>;

export type AccessLogIntegrityResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['AccessLogIntegrity'] = ResolversParentTypes['AccessLogIntegrity']> = ResolversObject<{
  chains?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  checkpoints?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  intact?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  lastCheckpointAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  problems?: Resolver<Array<ResolversTypes['AccessLogProblem']>, ParentType, ContextType>;
  records?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type AccessLogPageResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['AccessLogPage'] = ResolversParentTypes['AccessLogPage']> = ResolversObject<{
  nextCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  records?: Resolver<Array<ResolversTypes['AccessRecord']>, ParentType, ContextType>;
}>;

export type AccessLogProblemResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['AccessLogProblem'] = ResolversParentTypes['AccessLogProblem']> = ResolversObject<{
  detail?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  recordId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  writer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type AccessLogVerificationResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['AccessLogVerification'] = ResolversParentTypes['AccessLogVerification']> = ResolversObject<{
  chains?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  checkpoints?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  intact?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  lastCheckpointAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  problems?: Resolver<Array<ResolversTypes['AccessLogProblem']>, ParentType, ContextType>;
  records?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  requestedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requestedByDepartment?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['AccessLogVerificationState'], ParentType, ContextType>;
}>;

export type AccessReadResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['AccessRead'] = ResolversParentTypes['AccessRead']> = ResolversObject<{
  decision?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  subjects?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AccessRecordResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['AccessRecord'] = ResolversParentTypes['AccessRecord']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  department?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  division?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  grantId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AccessKind'], ParentType, ContextType>;
  operationHash?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  operationName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  policyRevision?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  purpose?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reads?: Resolver<Array<ResolversTypes['AccessRead']>, ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  service?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ApplicationDayResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['ApplicationDay'] = ResolversParentTypes['ApplicationDay']> = ResolversObject<{
  approved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  date?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  partiallyApproved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pending?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rejected?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  submitted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  withdrawn?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ApplicationEventResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['ApplicationEvent'] = ResolversParentTypes['ApplicationEvent']> = ResolversObject<{
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  department?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type CatalogEntryResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['CatalogEntry'] = ResolversParentTypes['CatalogEntry']> = ResolversObject<{
  conditions?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fieldName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  graphqlType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  legalBasis?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  mask?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  personal?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sharing?: Resolver<ResolversTypes['SharingClass'], ParentType, ContextType>;
  subgraph?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  typeDescription?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  typeName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updateFrequency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type ConsumerUseResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['ConsumerUse'] = ResolversParentTypes['ConsumerUse']> = ResolversObject<{
  department?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requests?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DataIssueResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['DataIssue'] = ResolversParentTypes['DataIssue']> = ResolversObject<{
  acknowledgedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  acknowledgedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['DataIssueOutcome']>, ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reportedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  reporter?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reporterDepartment?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  resolution?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  resolvedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  resolvedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['DataIssueStatus'], ParentType, ContextType>;
  subjectKey?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type FieldPolicyStateResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['FieldPolicyState'] = ResolversParentTypes['FieldPolicyState']> = ResolversObject<{
  legalBasis?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  mask?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  personal?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sharing?: Resolver<ResolversTypes['SharingClass'], ParentType, ContextType>;
}>;

export type FieldVisibilityResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['FieldVisibility'] = ResolversParentTypes['FieldVisibility']> = ResolversObject<{
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  personal?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  servedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sharing?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  view?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type GrantApplicationResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['GrantApplication'] = ResolversParentTypes['GrantApplication']> = ResolversObject<{
  consumer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  decidedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  dueOn?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  grant?: Resolver<Maybe<ResolversTypes['SharingGrant']>, ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['ApplicationEvent']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jurisdiction?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  justification?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  overdue?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  purpose?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reviews?: Resolver<Array<ResolversTypes['ProviderReview']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ApplicationStatus'], ParentType, ContextType>;
  submittedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  submittedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unmasked?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  validUntil?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  workingDaysLeft?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  acknowledgeDataIssue?: Resolver<ResolversTypes['DataIssue'], ParentType, ContextType, RequireFields<MutationAcknowledgeDataIssueArgs, 'id'>>;
  approveApplication?: Resolver<ResolversTypes['GrantApplication'], ParentType, ContextType, RequireFields<MutationApproveApplicationArgs, 'id'>>;
  approvePolicyChange?: Resolver<ResolversTypes['PolicyChange'], ParentType, ContextType, RequireFields<MutationApprovePolicyChangeArgs, 'id'>>;
  proposePolicyChange?: Resolver<ResolversTypes['PolicyChange'], ParentType, ContextType, RequireFields<MutationProposePolicyChangeArgs, 'input'>>;
  rejectApplication?: Resolver<ResolversTypes['GrantApplication'], ParentType, ContextType, RequireFields<MutationRejectApplicationArgs, 'id' | 'reason'>>;
  rejectPolicyChange?: Resolver<ResolversTypes['PolicyChange'], ParentType, ContextType, RequireFields<MutationRejectPolicyChangeArgs, 'id' | 'reason'>>;
  reportDataIssue?: Resolver<ResolversTypes['DataIssue'], ParentType, ContextType, RequireFields<MutationReportDataIssueArgs, 'description' | 'path' | 'subjectKey'>>;
  resolveDataIssue?: Resolver<ResolversTypes['DataIssue'], ParentType, ContextType, RequireFields<MutationResolveDataIssueArgs, 'id' | 'outcome' | 'resolution'>>;
  revokeGrant?: Resolver<ResolversTypes['SharingGrant'], ParentType, ContextType, RequireFields<MutationRevokeGrantArgs, 'id' | 'reason'>>;
  startAccessLogVerification?: Resolver<ResolversTypes['AccessLogVerification'], ParentType, ContextType>;
  submitApplication?: Resolver<ResolversTypes['GrantApplication'], ParentType, ContextType, RequireFields<MutationSubmitApplicationArgs, 'input'>>;
  withdrawApplication?: Resolver<ResolversTypes['GrantApplication'], ParentType, ContextType, RequireFields<MutationWithdrawApplicationArgs, 'id'>>;
  withdrawPolicyChange?: Resolver<ResolversTypes['PolicyChange'], ParentType, ContextType, RequireFields<MutationWithdrawPolicyChangeArgs, 'id'>>;
}>;

export type PolicyChangeResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['PolicyChange'] = ResolversParentTypes['PolicyChange']> = ResolversObject<{
  afterRevision?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  afterYaml?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  baseRevision?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  beforeRevision?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  beforeYaml?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  decidedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  decidedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  decidedByDepartment?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  decisionNote?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  effect?: Resolver<Array<ResolversTypes['PolicyChangeEffect']>, ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['PolicyFieldChange']>, ParentType, ContextType>;
  file?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  proposedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  proposedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  proposedByDepartment?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PolicyChangeStatus'], ParentType, ContextType>;
}>;

export type PolicyChangeEffectResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['PolicyChangeEffect'] = ResolversParentTypes['PolicyChangeEffect']> = ResolversObject<{
  after?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  before?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  consumer?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  direction?: Resolver<ResolversTypes['PolicyChangeDirection'], ParentType, ContextType>;
  grantId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type PolicyChangePreviewResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['PolicyChangePreview'] = ResolversParentTypes['PolicyChangePreview']> = ResolversObject<{
  afterRevision?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  afterYaml?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  beforeRevision?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  beforeYaml?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  effect?: Resolver<Array<ResolversTypes['PolicyChangeEffect']>, ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['PolicyFieldChange']>, ParentType, ContextType>;
  file?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  problems?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type PolicyExplanationResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['PolicyExplanation'] = ResolversParentTypes['PolicyExplanation']> = ResolversObject<{
  asOf?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  consumerDivision?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  department?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['FieldVisibility']>, ParentType, ContextType>;
  grantDetail?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  grantId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  grantState?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  policyRevision?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  purpose?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  purposeSource?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  recordDivision?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type PolicyFieldChangeResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['PolicyFieldChange'] = ResolversParentTypes['PolicyFieldChange']> = ResolversObject<{
  after?: Resolver<ResolversTypes['FieldPolicyState'], ParentType, ContextType>;
  before?: Resolver<ResolversTypes['FieldPolicyState'], ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ProviderReviewResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['ProviderReview'] = ResolversParentTypes['ProviderReview']> = ResolversObject<{
  approvedFields?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  decidedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  decidedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  jurisdiction?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ReviewStatus'], ParentType, ContextType>;
  unmasked?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  validUntil?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
}>;

export type ProviderStatisticsResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['ProviderStatistics'] = ResolversParentTypes['ProviderStatistics']> = ResolversObject<{
  accessRecords?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  averageApplicationWorkingDays?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  averageDataIssueHours?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  consumers?: Resolver<Array<ResolversTypes['ConsumerUse']>, ParentType, ContextType>;
  openDataIssues?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  overdueApplications?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pendingApplications?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requests?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  resolvedDataIssues?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  accessHistory?: Resolver<Array<ResolversTypes['AccessRecord']>, ParentType, ContextType, RequireFields<QueryAccessHistoryArgs, 'first' | 'idNumber'>>;
  accessLog?: Resolver<ResolversTypes['AccessLogPage'], ParentType, ContextType, RequireFields<QueryAccessLogArgs, 'first'>>;
  accessLogIntegrity?: Resolver<ResolversTypes['AccessLogIntegrity'], ParentType, ContextType>;
  accessLogVerification?: Resolver<Maybe<ResolversTypes['AccessLogVerification']>, ParentType, ContextType>;
  application?: Resolver<Maybe<ResolversTypes['GrantApplication']>, ParentType, ContextType, RequireFields<QueryApplicationArgs, 'id'>>;
  applicationTrend?: Resolver<Array<ResolversTypes['ApplicationDay']>, ParentType, ContextType, Partial<QueryApplicationTrendArgs>>;
  applications?: Resolver<Array<ResolversTypes['GrantApplication']>, ParentType, ContextType, Partial<QueryApplicationsArgs>>;
  catalog?: Resolver<Array<ResolversTypes['CatalogEntry']>, ParentType, ContextType, Partial<QueryCatalogArgs>>;
  dataIssue?: Resolver<Maybe<ResolversTypes['DataIssue']>, ParentType, ContextType, RequireFields<QueryDataIssueArgs, 'id'>>;
  dataIssues?: Resolver<Array<ResolversTypes['DataIssue']>, ParentType, ContextType, Partial<QueryDataIssuesArgs>>;
  grant?: Resolver<Maybe<ResolversTypes['SharingGrant']>, ParentType, ContextType, RequireFields<QueryGrantArgs, 'id'>>;
  grants?: Resolver<Array<ResolversTypes['SharingGrant']>, ParentType, ContextType, Partial<QueryGrantsArgs>>;
  me?: Resolver<ResolversTypes['Viewer'], ParentType, ContextType>;
  policyChange?: Resolver<Maybe<ResolversTypes['PolicyChange']>, ParentType, ContextType, RequireFields<QueryPolicyChangeArgs, 'id'>>;
  policyChanges?: Resolver<Array<ResolversTypes['PolicyChange']>, ParentType, ContextType, Partial<QueryPolicyChangesArgs>>;
  policyExplain?: Resolver<ResolversTypes['PolicyExplanation'], ParentType, ContextType, RequireFields<QueryPolicyExplainArgs, 'department'>>;
  previewPolicyChange?: Resolver<ResolversTypes['PolicyChangePreview'], ParentType, ContextType, RequireFields<QueryPreviewPolicyChangeArgs, 'input'>>;
  sharingStatistics?: Resolver<Array<ResolversTypes['ProviderStatistics']>, ParentType, ContextType, Partial<QuerySharingStatisticsArgs>>;
}>;

export type SharingGrantResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['SharingGrant'] = ResolversParentTypes['SharingGrant']> = ResolversObject<{
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  applicationId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  approvedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  consumer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  jurisdiction?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  origin?: Resolver<ResolversTypes['GrantOrigin'], ParentType, ContextType>;
  purpose?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revokeReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  revokedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  unmasked?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  validFrom?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  validUntil?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
}>;

export type ViewerResolvers<ContextType = SharingContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = ResolversObject<{
  answersReportsFor?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  applies?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  citizen?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  decidesFor?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  department?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  division?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  platformOperator?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  readsAccessLog?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  user?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  visibleDepartments?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = SharingContext> = ResolversObject<{
  AccessLogIntegrity?: AccessLogIntegrityResolvers<ContextType>;
  AccessLogPage?: AccessLogPageResolvers<ContextType>;
  AccessLogProblem?: AccessLogProblemResolvers<ContextType>;
  AccessLogVerification?: AccessLogVerificationResolvers<ContextType>;
  AccessRead?: AccessReadResolvers<ContextType>;
  AccessRecord?: AccessRecordResolvers<ContextType>;
  ApplicationDay?: ApplicationDayResolvers<ContextType>;
  ApplicationEvent?: ApplicationEventResolvers<ContextType>;
  CatalogEntry?: CatalogEntryResolvers<ContextType>;
  ConsumerUse?: ConsumerUseResolvers<ContextType>;
  DataIssue?: DataIssueResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  FieldPolicyState?: FieldPolicyStateResolvers<ContextType>;
  FieldVisibility?: FieldVisibilityResolvers<ContextType>;
  GrantApplication?: GrantApplicationResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PolicyChange?: PolicyChangeResolvers<ContextType>;
  PolicyChangeEffect?: PolicyChangeEffectResolvers<ContextType>;
  PolicyChangePreview?: PolicyChangePreviewResolvers<ContextType>;
  PolicyExplanation?: PolicyExplanationResolvers<ContextType>;
  PolicyFieldChange?: PolicyFieldChangeResolvers<ContextType>;
  ProviderReview?: ProviderReviewResolvers<ContextType>;
  ProviderStatistics?: ProviderStatisticsResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SharingGrant?: SharingGrantResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
}>;

