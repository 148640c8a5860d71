/**
 * `govgraph application …` and `govgraph grant …` — the application workflow from a shell.
 * They call the running gateway's API with the caller's token, so the same role checks apply
 * as in any client (a consumer submits, a provider's security officer decides).
 */
import { callGateway, GatewayError, type GatewayTarget } from '../gatewayClient';

const APPLICATION_FIELDS = `id consumer purpose status fields unmasked jurisdiction validUntil dueOn overdue workingDaysLeft submittedBy submittedAt decidedAt
  reviews { provider status approvedFields jurisdiction validUntil decidedBy reason }
  grant { id validUntil active }
  history { at actor department action note }`;

interface Review {
  provider: string;
  status: string;
  approvedFields: string[] | null;
  jurisdiction: string | null;
  validUntil: string | null;
  decidedBy: string | null;
  reason: string | null;
}

interface Application {
  id: string;
  consumer: string;
  purpose: string;
  status: string;
  fields: string[];
  unmasked: string[];
  jurisdiction: string;
  validUntil: string;
  dueOn: string;
  overdue: boolean;
  workingDaysLeft: number | null;
  submittedBy: string;
  submittedAt: string;
  decidedAt: string | null;
  reviews: Review[];
  grant: { id: string; validUntil: string; active: boolean } | null;
  history: Array<{ at: string; actor: string; department: string; action: string; note: string | null }>;
}

const list = (v?: string) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

async function run(label: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    process.stderr.write(`govgraph ${label}: ${err instanceof GatewayError ? err.message : (err as Error).message.split('\n')[0]}\n`);
    process.exitCode = 1;
  }
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
  return rows.map((r) => r.map((c, i) => c + ' '.repeat(widths[i] - [...c].length)).join('  ').trimEnd()).join('\n') + '\n';
}

function printApplication(a: Application): void {
  // Only a pending application waits for an answer; a closed one says when it closed.
  const due =
    a.status === 'PENDING'
      ? `answer due ${a.dueOn}${a.overdue ? ' OVERDUE' : ` (${a.workingDaysLeft} working days left)`}`
      : `${a.status.toLowerCase().replace(/_/g, ' ')} ${a.decidedAt ?? ''} (answer was due ${a.dueOn})`;
  process.stdout.write(
    [
      `${a.id}  ${a.status}  ${a.consumer} for "${a.purpose}"`,
      `  fields:       ${a.fields.join(', ')}`,
      `  unmasked:     ${a.unmasked.join(', ') || '—'}`,
      `  jurisdiction: ${a.jurisdiction}   valid until ${a.validUntil}`,
      `  submitted:    ${a.submittedAt} by ${a.submittedBy}; ${due}`,
      ...a.reviews.map((r) => `  review ${r.provider}: ${r.status}${r.decidedBy ? ` by ${r.decidedBy}` : ''}${r.reason ? ` — ${r.reason}` : ''}`),
      ...(a.grant ? [`  grant:        ${a.grant.id} (valid until ${a.grant.validUntil}${a.grant.active ? '' : ', not active'})`] : []),
      '  history:',
      ...a.history.map((h) => `    ${h.at}  ${h.department}/${h.actor}  ${h.action}${h.note ? `: ${h.note}` : ''}`),
    ].join('\n') + '\n',
  );
}

export interface SubmitOptions extends GatewayTarget {
  fields: string;
  purpose: string;
  justification: string;
  unmasked?: string;
  jurisdiction?: string;
  validUntil?: string;
}

export const applicationSubmit = (o: SubmitOptions) =>
  run('application submit', async () => {
    const input = { fields: list(o.fields), purpose: o.purpose, justification: o.justification, unmasked: list(o.unmasked), jurisdiction: o.jurisdiction, validUntil: o.validUntil };
    const d = await callGateway<{ submitApplication: Application }>(o, `mutation($input: ApplicationInput!) { submitApplication(input: $input) { ${APPLICATION_FIELDS} } }`, { input });
    printApplication(d.submitApplication);
  });

export interface ListOptions extends GatewayTarget {
  status?: string;
  provider?: string;
  overdue?: boolean;
}

export const applicationList = (o: ListOptions) =>
  run('application list', async () => {
    const d = await callGateway<{ applications: Application[] }>(
      o,
      `query($status: ApplicationStatus, $provider: String, $overdue: Boolean) { applications(status: $status, provider: $provider, overdue: $overdue) { ${APPLICATION_FIELDS} } }`,
      { status: o.status?.toUpperCase(), provider: o.provider, overdue: o.overdue },
    );
    if (!d.applications.length) return void process.stdout.write('no applications\n');
    process.stdout.write(
      table([
        ['id', 'status', 'consumer', 'purpose', 'due', 'providers', 'grant'],
        ...d.applications.map((a) => [
          a.id,
          a.status,
          a.consumer,
          a.purpose,
          a.status === 'PENDING' ? `${a.dueOn}${a.overdue ? ' OVERDUE' : ''}` : '—',
          a.reviews.map((r) => `${r.provider}:${r.status.toLowerCase()}`).join(' '),
          a.grant?.id ?? '—',
        ]),
      ]),
    );
  });

export const applicationShow = (id: string, o: GatewayTarget) =>
  run('application show', async () => {
    const d = await callGateway<{ application: Application | null }>(o, `query($id: ID!) { application(id: $id) { ${APPLICATION_FIELDS} } }`, { id });
    if (!d.application) throw new Error(`there is no application ${id} (or it is not visible to you)`);
    printApplication(d.application);
  });

export interface ApproveOptions extends GatewayTarget {
  provider?: string;
  fields?: string;
  unmasked?: string;
  jurisdiction?: string;
  validUntil?: string;
  note?: string;
}

export const applicationApprove = (id: string, o: ApproveOptions) =>
  run('application approve', async () => {
    const decision = { fields: list(o.fields), unmasked: list(o.unmasked), jurisdiction: o.jurisdiction, validUntil: o.validUntil, note: o.note };
    const d = await callGateway<{ approveApplication: Application }>(
      o,
      `mutation($id: ID!, $provider: String, $decision: ApprovalInput) { approveApplication(id: $id, provider: $provider, decision: $decision) { ${APPLICATION_FIELDS} } }`,
      { id, provider: o.provider, decision },
    );
    printApplication(d.approveApplication);
  });

export const applicationReject = (id: string, o: GatewayTarget & { provider?: string; reason: string }) =>
  run('application reject', async () => {
    const d = await callGateway<{ rejectApplication: Application }>(
      o,
      `mutation($id: ID!, $provider: String, $reason: String!) { rejectApplication(id: $id, provider: $provider, reason: $reason) { ${APPLICATION_FIELDS} } }`,
      { id, provider: o.provider, reason: o.reason },
    );
    printApplication(d.rejectApplication);
  });

export const applicationWithdraw = (id: string, o: GatewayTarget & { reason?: string }) =>
  run('application withdraw', async () => {
    const d = await callGateway<{ withdrawApplication: Application }>(
      o,
      `mutation($id: ID!, $reason: String) { withdrawApplication(id: $id, reason: $reason) { ${APPLICATION_FIELDS} } }`,
      { id, reason: o.reason },
    );
    printApplication(d.withdrawApplication);
  });

interface Grant {
  id: string;
  origin: string;
  consumer: string;
  purpose: string;
  fields: string[];
  jurisdiction: string;
  validFrom: string;
  validUntil: string;
  active: boolean;
  revokedAt: string | null;
}

export const grantList = (o: GatewayTarget & { consumer?: string; active?: boolean }) =>
  run('grant list', async () => {
    const d = await callGateway<{ grants: Grant[] }>(
      o,
      'query($consumer: String, $active: Boolean) { grants(consumer: $consumer, active: $active) { id origin consumer purpose fields jurisdiction validFrom validUntil active revokedAt } }',
      { consumer: o.consumer, active: o.active },
    );
    if (!d.grants.length) return void process.stdout.write('no grants\n');
    process.stdout.write(
      table([
        ['id', 'origin', 'consumer', 'purpose', 'jurisdiction', 'valid', 'state', 'fields'],
        ...d.grants.map((g) => [
          g.id,
          g.origin.toLowerCase(),
          g.consumer,
          g.purpose,
          g.jurisdiction,
          `${g.validFrom}…${g.validUntil}`,
          g.revokedAt ? 'revoked' : g.active ? 'active' : 'inactive',
          g.fields.join(','),
        ]),
      ]),
    );
  });

export const grantRevoke = (id: string, o: GatewayTarget & { reason: string }) =>
  run('grant revoke', async () => {
    const d = await callGateway<{ revokeGrant: Grant & { revokedBy: string } }>(
      o,
      'mutation($id: ID!, $reason: String!) { revokeGrant(id: $id, reason: $reason) { id revokedAt revokedBy } }',
      { id, reason: o.reason },
    );
    process.stdout.write(`${d.revokeGrant.id} revoked at ${d.revokeGrant.revokedAt} by ${d.revokeGrant.revokedBy}; in force everywhere within seconds\n`);
  });
