/**
 * Writes the Kubernetes manifests in deploy/k8s/ from one table of roles and from policies/:
 *
 *   npx tsx deploy/k8s/generate.ts            (re)write them — after an edit here or in policies/
 *   npx tsx deploy/k8s/generate.ts --check    exit 1 and name the files that differ
 *
 * Generated rather than written by hand because six Deployments share everything but a few
 * lines, and because the policies ConfigMap is policies/ itself: a ConfigMap key cannot hold a
 * `/`, so `grants/demo.yaml` is stored under `grants--demo.yaml` and each Deployment's volume
 * maps it back to its path (`items`), which only a generator keeps in step with the folder.
 * test/deploy/deploy-files.test.ts fails when the committed files are not this script's output,
 * validates every object against the Kubernetes schemas (kubernetes-models) and checks the
 * environment against what the code reads. The objects are typed with kubernetes-models'
 * interfaces, so `npm run typecheck` also refuses a misspelt field here.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { IIoK8sApiCoreV1EnvVar as EnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IIoK8sApiCoreV1KeyToPath as KeyToPath } from 'kubernetes-models/v1/KeyToPath';
import type { IIoK8sApiCoreV1VolumeProjection as VolumeProjection } from 'kubernetes-models/v1/VolumeProjection';

export const ROOT = path.resolve(__dirname, '..', '..');
export const K8S_DIR = __dirname;
export const NAMESPACE = 'govgraph';
export const IMAGE = 'govgraph:0.5.0';
/** The image's user and group (Dockerfile). */
export const UID = 10001;
/** Where the Secrets' key files are mounted. */
export const KEYS_DIR = '/etc/govgraph/keys';
/** The image's WORKDIR: policies/ and the supergraph are read from here (lib/config.ts ROOT). */
export const APP_DIR = '/app';
export const DATA_DIR = '/var/lib/govgraph';

export interface Role {
  /** `govgraph serve <name>`; also the Service's name, so the URLs are compose.yaml's. */
  name: string;
  port: number;
  /** The GOVGRAPH_<NAME>_ stem of its variables. */
  envStem: string;
  kind: 'gateway' | 'subgraph';
  /** The department's own database (none for sharing: its database is the platform one). */
  ownDatabase: boolean;
  /** Holds the access log's anchor key (lib/keys/keySources.ts holder "anchor"). */
  anchor: boolean;
  /** Who runs it, for people. */
  department: string;
}

export const ROLES: Role[] = [
  { name: 'gateway', port: 4000, envStem: 'GATEWAY', kind: 'gateway', ownDatabase: false, anchor: false, department: 'big-data-center (大数据中心): the federation gateway' },
  { name: 'population', port: 4001, envStem: 'POPULATION', kind: 'subgraph', ownDatabase: true, anchor: false, department: 'public-security (公安): population, PostgreSQL' },
  { name: 'legal-person', port: 4002, envStem: 'LEGAL_PERSON', kind: 'subgraph', ownDatabase: true, anchor: false, department: 'market-regulation (市场监管): legal persons, MySQL/MariaDB' },
  { name: 'geospatial', port: 4003, envStem: 'GEOSPATIAL', kind: 'subgraph', ownDatabase: true, anchor: false, department: 'natural-resources (自然资源): real estate, PostgreSQL + PostGIS' },
  { name: 'sharing', port: 4004, envStem: 'SHARING', kind: 'subgraph', ownDatabase: false, anchor: true, department: 'big-data-center (大数据中心): catalog, workflow, access log anchor; the platform database' },
  { name: 'social-security', port: 4005, envStem: 'SOCIAL_SECURITY', kind: 'subgraph', ownDatabase: true, anchor: false, department: 'human-resources (人社): social insurance, MySQL/MariaDB' },
];

/** Secrets the operator creates (deploy/k8s/create-secrets.sh, secrets.example.yaml); never generated with values. */
export const SECRETS = {
  /** The gateway's: its signing key, the token issuer's public key, the sealing key. */
  gatewayKeys: { name: 'govgraph-gateway-keys', files: ['gateway.private.jwk.json', 'token-issuer.public.jwk.json', 'seal.key'] },
  /** Every subgraph's: the gateway's and the anchor's public keys, the sealing and access-log keys. */
  subgraphKeys: { name: 'govgraph-subgraph-keys', files: ['gateway.public.jwk.json', 'audit-anchor.public.jwk.json', 'seal.key', 'audit.key'] },
  /** The sharing subgraph's alone: the access log anchor's signing key. */
  anchorKey: { name: 'govgraph-anchor-key', files: ['audit-anchor.private.jwk.json'] },
  /** Connection URLs (they hold passwords): `<role>-db-url` per department, `redis-url`. */
  connections: { name: 'govgraph-connections', keys: ['population-db-url', 'legal-person-db-url', 'geospatial-db-url', 'sharing-db-url', 'social-security-db-url', 'redis-url'] },
} as const;

/**
 * Requests and limits. Based on what test/deploy/topology.test.ts measures of these processes
 * on this project's 2-core machine (README, "Deployment files"): every process, subgraph or
 * gateway, holds 140–170 MB resident after start and a first query; a 768 Mi limit leaves
 * room for Node's heap under load and for a burst of 500-row answers. CPU: one event loop per
 * process, so a core per replica is the most one uses; requests are what an idle replica with
 * steady probes and scrapes needs, so that two of every role fit a small node pool.
 */
const RESOURCES = {
  requests: { cpu: '250m', memory: '256Mi' },
  limits: { cpu: '1', memory: '768Mi' },
};

const labelsOf = (role: Role) => ({
  'app.kubernetes.io/name': 'govgraph',
  'app.kubernetes.io/component': role.name,
  'app.kubernetes.io/part-of': 'govgraph',
});
const selectorOf = (role: Role) => ({ 'app.kubernetes.io/name': 'govgraph', 'app.kubernetes.io/component': role.name });

/** `grants/demo.yaml` → `grants--demo.yaml`: ConfigMap keys are `[-._a-zA-Z0-9]+`. */
export function policyKey(rel: string): string {
  return rel.split('/').join('--');
}

/** Every YAML file under policies/, relative, sorted. */
export function policyFiles(dir = path.join(ROOT, 'policies')): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (/\.ya?ml$/.test(e.name)) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

export function policiesConfigMap(dir = path.join(ROOT, 'policies')): IConfigMap {
  const data: Record<string, string> = {};
  for (const rel of policyFiles(dir)) {
    const key = policyKey(rel);
    if (data[key] !== undefined) throw new Error(`policies/${rel}: its ConfigMap key ${key} is another file's`);
    data[key] = fs.readFileSync(path.join(dir, rel), 'utf8');
  }
  const size = Object.entries(data).reduce((n, [k, v]) => n + k.length + Buffer.byteLength(v), 0);
  if (size > 1_000_000) throw new Error(`policies/ is ${size} bytes: over a ConfigMap's 1 MiB`);
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'govgraph-policies', labels: { 'app.kubernetes.io/name': 'govgraph', 'app.kubernetes.io/part-of': 'govgraph' } },
    data,
  };
}

const secretEnv = (name: string, secret: string, key: string): EnvVar => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });
const value = (name: string, v: string): EnvVar => ({ name, value: v });

/** The role's environment: the same variables as its service in deploy/compose.yaml. */
export function environment(role: Role): EnvVar[] {
  const common: EnvVar[] = [
    value('GOVGRAPH_ENV', 'production'),
    value('GOVGRAPH_CRYPTO', 'intl'),
    value('GOVGRAPH_HOST', '0.0.0.0'),
    value('GOVGRAPH_LOG_LEVEL', 'info'),
    value('GOVGRAPH_SERVICE', role.name),
    secretEnv('GOVGRAPH_REDIS_URL', SECRETS.connections.name, 'redis-url'),
    value('GOVGRAPH_REDIS_PREFIX', 'govgraph:'),
    // OpenTelemetry traces (lib/tracing): off while empty; the collector's OTLP/HTTP address turns them on.
    value('OTEL_EXPORTER_OTLP_ENDPOINT', ''),
  ];
  if (role.kind === 'gateway') {
    return [
      ...common,
      secretEnv('GOVGRAPH_SEAL_KEY', SECRETS.gatewayKeys.name, 'seal.key'),
      value('GOVGRAPH_GATEWAY_PORT', String(role.port)),
      ...ROLES.filter((r) => r.kind === 'subgraph').map((r) => value(`GOVGRAPH_${r.envStem}_URL`, `http://${r.name}:${r.port}/graphql`)),
      value('GOVGRAPH_SUBGRAPH_TIMEOUT_MS', '10000'),
      value('GOVGRAPH_JWT_PUBLIC_KEYS', `${KEYS_DIR}/token-issuer.public.jwk.json`),
      value('GOVGRAPH_JWT_ISSUER', 'govgraph-demo'),
      value('GOVGRAPH_JWT_AUDIENCE', 'govgraph'),
      value('GOVGRAPH_GATEWAY_PRIVATE_KEY', `${KEYS_DIR}/gateway.private.jwk.json`),
    ];
  }
  return [
    ...common,
    secretEnv('GOVGRAPH_SEAL_KEY', SECRETS.subgraphKeys.name, 'seal.key'),
    secretEnv('GOVGRAPH_SHARING_DB_URL', SECRETS.connections.name, 'sharing-db-url'),
    value('GOVGRAPH_POLICY_DIR', `${APP_DIR}/policies`),
    value('GOVGRAPH_DATA_DIR', DATA_DIR),
    value('GOVGRAPH_AUDIT_WITNESS_DIR', `${DATA_DIR}/audit-witness`),
    secretEnv('GOVGRAPH_AUDIT_KEY', SECRETS.subgraphKeys.name, 'audit.key'),
    value('GOVGRAPH_GATEWAY_PUBLIC_KEY', `${KEYS_DIR}/gateway.public.jwk.json`),
    value('GOVGRAPH_AUDIT_ANCHOR_PUBLIC_KEY', `${KEYS_DIR}/audit-anchor.public.jwk.json`),
    value(`GOVGRAPH_${role.envStem}_PORT`, String(role.port)),
    ...(role.ownDatabase ? [secretEnv(`GOVGRAPH_${role.envStem}_DB_URL`, SECRETS.connections.name, `${role.name}-db-url`)] : []),
    ...(role.anchor
      ? [value('GOVGRAPH_AUDIT_ANCHOR_PRIVATE_KEY', `${KEYS_DIR}/audit-anchor.private.jwk.json`), value('GOVGRAPH_AUDIT_CHECKPOINT_SECONDS', '60')]
      : []),
  ];
}

/** The key files the role's pod sees in KEYS_DIR: only those its holder needs. */
function keySources(role: Role): VolumeProjection[] {
  const items = (files: readonly string[]): KeyToPath[] => files.map((f) => ({ key: f, path: f }));
  if (role.kind === 'gateway') return [{ secret: { name: SECRETS.gatewayKeys.name, items: items(SECRETS.gatewayKeys.files.filter((f) => f.endsWith('.json'))) } }];
  return [
    { secret: { name: SECRETS.subgraphKeys.name, items: items(SECRETS.subgraphKeys.files.filter((f) => f.endsWith('.json'))) } },
    ...(role.anchor ? [{ secret: { name: SECRETS.anchorKey.name, items: items(SECRETS.anchorKey.files) } }] : []),
  ];
}

export function deployment(role: Role, policies: IConfigMap): IDeployment {
  const subgraph = role.kind === 'subgraph';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: role.name, labels: labelsOf(role), annotations: { 'govgraph/department': role.department } },
    spec: {
      replicas: 2,
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorOf(role) },
      // One new pod before an old one goes: capacity never drops during a rollout.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: {
          labels: labelsOf(role),
          annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(role.port), 'prometheus.io/path': '/metrics' },
        },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: { runAsNonRoot: true, runAsUser: UID, runAsGroup: UID, fsGroup: UID, seccompProfile: { type: 'RuntimeDefault' } },
          // SIGTERM: the process stops listening, drains and closes its pools (app/shutdown.ts).
          terminationGracePeriodSeconds: 40,
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: selectorOf(role) } } },
              ],
            },
          },
          containers: [
            {
              name: role.name,
              image: IMAGE,
              imagePullPolicy: 'IfNotPresent',
              args: ['serve', role.name],
              ports: [{ name: 'http', containerPort: role.port, protocol: 'TCP' }],
              env: environment(role),
              resources: RESOURCES,
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
              // A first start may create the legacy tables (and seed an empty demo database): up to 5 minutes.
              startupProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 60 },
              livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
              // A gateway's /readyz fails while any department is down, on every gateway pod at
              // once: as readiness that would empty the Service and turn one department's outage
              // into everyone's, when a gateway still answers the other departments' fields.
              // Gateways are ready once they listen (the supergraph is loaded before they do).
              readinessProbe: { httpGet: { path: role.name === 'gateway' ? '/healthz' : '/readyz', port: 'http' }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 },
              // Endpoints are removed asynchronously: keep serving for a few seconds after the
              // pod is marked terminating, so no request reaches a closed port.
              lifecycle: { preStop: { exec: { command: ['node', '-e', 'setTimeout(() => {}, 5000)'] } } },
              volumeMounts: [
                { name: 'keys', mountPath: KEYS_DIR, readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
                ...(subgraph
                  ? [
                      { name: 'policies', mountPath: `${APP_DIR}/policies`, readOnly: true },
                      { name: 'data', mountPath: DATA_DIR },
                    ]
                  : []),
              ],
            },
          ],
          volumes: [
            { name: 'keys', projected: { defaultMode: 0o440, sources: keySources(role) } },
            { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
            ...(subgraph
              ? [
                  {
                    name: 'policies',
                    configMap: {
                      name: policies.metadata!.name!,
                      defaultMode: 0o444,
                      items: Object.keys(policies.data ?? {}).map((key) => ({ key, path: policyFiles().find((rel) => policyKey(rel) === key)! })),
                    },
                  },
                  // The access log's head witness (GOVGRAPH_AUDIT_WITNESS_DIR): the pod's own
                  // disk, out of the database's reach. It lives as long as the pod; README says
                  // how to keep it longer.
                  { name: 'data', emptyDir: { sizeLimit: '1Gi' } },
                ]
              : []),
          ],
        },
      },
    },
  };
}

export function service(role: Role): IService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: role.name, labels: labelsOf(role) },
    spec: { type: 'ClusterIP', selector: selectorOf(role), ports: [{ name: 'http', port: role.port, targetPort: 'http', protocol: 'TCP' }] },
  };
}

export function disruptionBudget(role: Role): IPodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: role.name, labels: labelsOf(role) },
    spec: { minAvailable: 1, selector: { matchLabels: selectorOf(role) } },
  };
}

export function namespace(): INamespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: NAMESPACE,
      // Every pod here meets the "restricted" Pod Security Standard: make the cluster refuse one that does not.
      labels: {
        'app.kubernetes.io/part-of': 'govgraph',
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
    },
  };
}

/**
 * Nothing reaches a pod unless allowed: the gateway from anywhere (its clients, the ingress),
 * each subgraph only from the gateway — the departments' data never bypasses the gateway's
 * authentication — and every port from the namespace labelled `govgraph/monitoring: "true"`
 * (Prometheus, for /metrics).
 */
export function networkPolicies(): INetworkPolicy[] {
  const monitoring = { namespaceSelector: { matchLabels: { 'govgraph/monitoring': 'true' } } };
  return ROLES.map((role) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: role.name, labels: labelsOf(role) },
    spec: {
      podSelector: { matchLabels: selectorOf(role) },
      policyTypes: ['Ingress'],
      ingress:
        role.kind === 'gateway'
          ? [{ ports: [{ port: role.port, protocol: 'TCP' }] }]
          : [
              { from: [{ podSelector: { matchLabels: selectorOf(ROLES[0]) } }], ports: [{ port: role.port, protocol: 'TCP' }] },
              { from: [monitoring], ports: [{ port: role.port, protocol: 'TCP' }] },
            ],
    },
  }));
}

/** A template of the Secrets, for GitOps tools that take manifests (sealed-secrets, SOPS): placeholders only. */
export function secretTemplates(): ISecret[] {
  const placeholder = (what: string) => `<${what}>`;
  const fromFiles = (s: { name: string; files: readonly string[] }): ISecret => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: s.name, labels: { 'app.kubernetes.io/name': 'govgraph', 'app.kubernetes.io/part-of': 'govgraph' } },
    type: 'Opaque',
    stringData: Object.fromEntries(s.files.map((f) => [f, placeholder(`content of govgraph-keys/${f}`)])),
  });
  return [
    fromFiles(SECRETS.gatewayKeys),
    fromFiles(SECRETS.subgraphKeys),
    fromFiles(SECRETS.anchorKey),
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: SECRETS.connections.name, labels: { 'app.kubernetes.io/name': 'govgraph', 'app.kubernetes.io/part-of': 'govgraph' } },
      type: 'Opaque',
      stringData: {
        'population-db-url': placeholder('postgres://reader:PASSWORD@rk-db.example:5432/rk'),
        'legal-person-db-url': placeholder('mysql://reader:PASSWORD@scjg-db.example:3306/scjg'),
        'geospatial-db-url': placeholder('postgres://reader:PASSWORD@bdc-db.example:5432/bdc'),
        'sharing-db-url': placeholder('postgres://govgraph:PASSWORD@platform-db.example:5432/govgraph'),
        'social-security-db-url': placeholder('mysql://reader:PASSWORD@shbx-db.example:3306/shbx'),
        'redis-url': placeholder('redis://:PASSWORD@redis.example:6379/0'),
      },
    },
  ];
}

const HEADER = (what: string) =>
  `# ${what}\n# Generated by deploy/k8s/generate.ts — edit that file (or policies/) and run\n# \`npx tsx deploy/k8s/generate.ts\`; test/deploy/deploy-files.test.ts fails while this file differs.\n`;

const dump = (docs: object[]) => docs.map((d) => YAML.stringify(d, { lineWidth: 0 })).join('---\n');

/** Every generated file, relative to deploy/k8s/, with its content. */
export function generate(): Map<string, string> {
  const files = new Map<string, string>();
  const policies = policiesConfigMap();
  files.set('namespace.yaml', HEADER('The namespace, held to the "restricted" Pod Security Standard.') + dump([namespace()]));
  files.set('policies-configmap.yaml', HEADER('policies/ as a ConfigMap: key `a--b.yaml` is the file `policies/a/b.yaml`; each subgraph mounts it at /app/policies and reloads a change live.') + dump([policies]));
  for (const role of ROLES) {
    files.set(`${role.name}.yaml`, HEADER(`${role.name}: ${role.department}. Deployment, Service and PodDisruptionBudget.`) + dump([deployment(role, policies), service(role), disruptionBudget(role)]));
  }
  files.set('network-policies.yaml', HEADER('Ingress to the pods: the gateway from anywhere, the subgraphs from the gateway and from monitoring.') + dump(networkPolicies()));
  files.set(
    'secrets.example.yaml',
    HEADER('NOT applied by kustomization.yaml: the Secrets the Deployments read, with placeholders. Create them with create-secrets.sh from `govgraph keys generate` output, or fill this template in a sealed-secrets/SOPS workflow. Never commit real keys.') +
      dump(secretTemplates()),
  );
  const resources = ['namespace.yaml', 'policies-configmap.yaml', ...ROLES.map((r) => `${r.name}.yaml`), 'network-policies.yaml'];
  files.set(
    'kustomization.yaml',
    HEADER('`kubectl apply -k deploy/k8s` after the Secrets exist (create-secrets.sh). Set your registry and tag under `images`.') +
      YAML.stringify(
        {
          apiVersion: 'kustomize.config.k8s.io/v1beta1',
          kind: 'Kustomization',
          namespace: NAMESPACE,
          resources,
          images: [{ name: IMAGE.split(':')[0], newName: IMAGE.split(':')[0], newTag: IMAGE.split(':')[1] }],
        },
        { lineWidth: 0 },
      ),
  );
  return files;
}

/** The files whose committed content differs from the generator's (missing ones included). */
export function stale(): string[] {
  const out: string[] = [];
  for (const [name, content] of generate()) {
    const file = path.join(K8S_DIR, name);
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== content) out.push(name);
  }
  return out;
}

if (require.main === module) {
  if (process.argv.includes('--check')) {
    const differ = stale();
    if (differ.length) {
      process.stderr.write(`deploy/k8s: not what generate.ts writes: ${differ.join(', ')} (run npx tsx deploy/k8s/generate.ts)\n`);
      process.exit(1);
    }
    process.stdout.write('deploy/k8s: current\n');
  } else {
    for (const [name, content] of generate()) fs.writeFileSync(path.join(K8S_DIR, name), content);
    process.stdout.write(`deploy/k8s: wrote ${[...generate().keys()].join(', ')}\n`);
  }
}
