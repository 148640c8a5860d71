/**
 * The deployment files (README, "Deployment files") checked by what runs without a container
 * engine: the Dockerfile parsed (dockerfile-ast) and linted (dockerfile-utils), deploy/compose.yaml
 * validated against the compose-spec schema and linted (dclint), every Kubernetes object
 * validated against the Kubernetes API schemas (kubernetes-models), and all three held to the
 * code: the variables they set are ones it reads, the keys each role needs are configured, the
 * ports, commands and probe paths are the CLI's and CONTRACT.md's. test/deploy/topology.test.ts
 * runs what they declare.
 */
import fs from 'node:fs';
import path from 'node:path';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { DCLinter } from 'dclint';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Service } from 'kubernetes-models/v1/Service';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { demoKeysInUse, type KeyHolder } from '../../lib/keys/keySources';
import { readCommittedSupergraph, subgraphEndpoints } from '../../lib/supergraph';
import { envName } from '../../lib/config';
import {
  COMPOSE_FILE,
  DOCKERFILE,
  K8S_DIR,
  ROOT,
  govgraphServices,
  inBuildContext,
  parseDockerfile,
  readCompose,
  readK8s,
  referencedVariables,
  serviceEnvironment,
  variablesReadByCode,
} from './deployFiles';
import { ROLES, SECRETS, policyFiles, policyKey, stale } from '../../deploy/k8s/generate';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const healthcheck = require('../../deploy/healthcheck.js') as {
  roleFromCmdline(cmdline: string | Buffer): string | undefined;
  portOf(role: string, env?: NodeJS.ProcessEnv): number | undefined;
  DEFAULT_PORTS: Record<string, number>;
};

/**
 * The subgraphs `govgraph serve` knows and CONTRACT.md's ports, as composition recorded them
 * from the definitions (subgraphs/index.ts) in the committed supergraph — read there rather than
 * by loading every department's code into this suite.
 */
const ENDPOINTS = subgraphEndpoints(readCommittedSupergraph());
const SUBGRAPH_NAMES = ENDPOINTS.map((s) => s.name);
const READ = variablesReadByCode(SUBGRAPH_NAMES);
const PORTS: Record<string, number> = { gateway: 4000, ...Object.fromEntries(ENDPOINTS.map((s) => [s.name, Number(new URL(s.url).port)])) };

function holdersOf(role: string): KeyHolder[] {
  if (role === 'gateway') return ['gateway'];
  return role === 'sharing' ? ['subgraph', 'anchor'] : ['subgraph'];
}

/** What is wrong with one role's environment: names the code never reads, keys or settings it lacks. */
function environmentProblems(role: string, env: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(env)) {
    if (/^(GOVGRAPH|OTEL)_/.test(name) && !READ.has(name)) problems.push(`${name} is not read by the code`);
  }
  for (const missing of demoKeysInUse(holdersOf(role), env)) problems.push(`${missing.key} is not configured (${missing.envVars.join(' or ')})`);
  if (env.GOVGRAPH_ENV !== 'production') problems.push('GOVGRAPH_ENV is not production');
  if (env.GOVGRAPH_HOST !== '0.0.0.0') problems.push('GOVGRAPH_HOST is not 0.0.0.0');
  const port = role === 'gateway' ? env.GOVGRAPH_GATEWAY_PORT : env[`GOVGRAPH_${envName(role)}_PORT`];
  if (port !== undefined && Number(port) !== PORTS[role]) problems.push(`listens on ${port}, CONTRACT.md says ${PORTS[role]}`);
  if (role === 'gateway') {
    for (const s of ENDPOINTS) {
      const url = env[`GOVGRAPH_${envName(s.name)}_URL`];
      if (!url) problems.push(`GOVGRAPH_${envName(s.name)}_URL is not set: the gateway would call localhost`);
      else if (new URL(url).port !== String(PORTS[s.name]) || new URL(url).pathname !== '/graphql') problems.push(`GOVGRAPH_${envName(s.name)}_URL ${url} is not :${PORTS[s.name]}/graphql`);
    }
  } else {
    if (!env.GOVGRAPH_SHARING_DB_URL) problems.push('GOVGRAPH_SHARING_DB_URL (the platform database) is not set');
    if (!env[`GOVGRAPH_${envName(role)}_DB_URL`]) problems.push(`GOVGRAPH_${envName(role)}_DB_URL is not set: it would run on an embedded database`);
  }
  return problems;
}

describe('what the checks below rely on', () => {
  test('the scan finds the variables lib/config.ts reads, and the per-subgraph ones', () => {
    for (const v of ['GOVGRAPH_HOST', 'GOVGRAPH_REDIS_URL', 'GOVGRAPH_AUDIT_WITNESS_DIR', 'GOVGRAPH_POLICY_DIR', 'GOVGRAPH_SEAL_KEY', 'GOVGRAPH_POPULATION_DB_URL', 'GOVGRAPH_SOCIAL_SECURITY_URL', 'GOVGRAPH_LEGAL_PERSON_PORT']) {
      expect(READ).toContain(v);
    }
    expect(READ).toContain('OTEL_EXPORTER_OTLP_ENDPOINT');
    expect(READ).not.toContain('GOVGRAPH_POLICY_DIRECTORY');
  });

  test('a misspelt variable, a missing key and a missing database are each reported', () => {
    const good = {
      GOVGRAPH_ENV: 'production',
      GOVGRAPH_HOST: '0.0.0.0',
      GOVGRAPH_POPULATION_DB_URL: 'postgres://x/y',
      GOVGRAPH_SHARING_DB_URL: 'postgres://x/z',
      GOVGRAPH_SEAL_KEY: 'k',
      GOVGRAPH_AUDIT_KEY: 'k',
      GOVGRAPH_GATEWAY_PUBLIC_KEY: '/k',
      GOVGRAPH_AUDIT_ANCHOR_PUBLIC_KEY: '/k',
    };
    expect(environmentProblems('population', good)).toEqual([]);
    expect(environmentProblems('population', { ...good, GOVGRAPH_POLICY_DIRECTORY: '/p' })).toEqual(['GOVGRAPH_POLICY_DIRECTORY is not read by the code']);
    const { GOVGRAPH_AUDIT_KEY: _a, GOVGRAPH_POPULATION_DB_URL: _b, ...lacking } = good;
    expect(environmentProblems('population', lacking).join('\n')).toMatch(/access log's key[\s\S]*GOVGRAPH_POPULATION_DB_URL/);
    expect(environmentProblems('sharing', { ...good, GOVGRAPH_SHARING_DB_URL: 'postgres://x/z' }).join('\n')).toMatch(/anchor's signing key/);
  });

  test('the health check finds the role in a command line and its port in the environment', () => {
    expect(healthcheck.roleFromCmdline('node\0--enable-source-maps\0dist/cli/main.js\0serve\0legal-person\0')).toBe('legal-person');
    expect(healthcheck.roleFromCmdline('node\0dist/cli/main.js\0--help\0')).toBeUndefined();
    expect(healthcheck.portOf('legal-person', {})).toBe(4002);
    expect(healthcheck.portOf('legal-person', { GOVGRAPH_LEGAL_PERSON_PORT: '5002' })).toBe(5002);
    expect(healthcheck.portOf('gateway', { GOVGRAPH_GATEWAY_PORT: '8080' })).toBe(8080);
    expect(healthcheck.DEFAULT_PORTS).toEqual(PORTS);
  });
});

describe('Dockerfile', () => {
  const text = fs.readFileSync(DOCKERFILE, 'utf8');
  const stages = parseDockerfile(text);
  const runtime = stages[stages.length - 1];
  const build = stages.find((s) => s.name === 'build')!;

  test('parses and lints clean (dockerfile-utils)', () => {
    const problems = lintDockerfile(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
    expect(problems).toEqual([]);
    // The linter can fail: an instruction it does not know.
    expect(lintDockerfile(`${text}\nCOPYY a b\n`).length).toBeGreaterThan(0);
  });

  test('builds in one stage and runs the compiled output in another, without the sources', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(build).toBeDefined();
    // patch-package is a development dependency: it runs in the build stage, after an install
    // without scripts, and the development dependencies are pruned after the build.
    const runs = build.runs.join('\n');
    expect(runs).toMatch(/npm ci --ignore-scripts[\s\S]*patch-package/);
    expect(runs).toMatch(/node scripts\/build\.js[\s\S]*npm prune --omit=dev/);
    expect(build.copies.some((c) => c.sources.includes('patches/'))).toBe(true);
    const fromBuild = runtime.copies.filter((c) => c.from === 'build').flatMap((c) => c.sources);
    expect(fromBuild).toEqual(expect.arrayContaining(['/src/dist/', '/src/node_modules/', '/src/package.json']));
    // No TypeScript sources at run time: bin/govgraph.js would compare them with dist/.
    const contextCopies = runtime.copies.filter((c) => !c.from).flatMap((c) => c.sources);
    for (const dir of ['app/', 'lib/', 'subgraphs/', 'cli/']) expect(contextCopies).not.toContain(dir);
    expect(runtime.entrypoint).toEqual(['node', '--enable-source-maps', 'dist/cli/main.js']);
    expect(runtime.cmd).toEqual(['serve', 'gateway']);
    expect(runtime.workdir).toBe('/app');
  });

  test('runs as a non-root user, in production mode, listening on every interface', () => {
    expect(runtime.user).toBeDefined();
    const [uid, gid] = runtime.user!.split(':');
    expect(uid).toMatch(/^\d+$/);
    expect(Number(uid)).toBeGreaterThan(0);
    expect(Number(gid ?? uid)).toBeGreaterThan(0);
    expect(runtime.env.GOVGRAPH_ENV).toBe('production');
    expect(runtime.env.GOVGRAPH_HOST).toBe('0.0.0.0');
    for (const name of Object.keys(runtime.env).filter((n) => n.startsWith('GOVGRAPH_'))) expect(READ).toContain(name);
    // The one writable place is where the witness and data directories are.
    expect(runtime.env.GOVGRAPH_AUDIT_WITNESS_DIR.startsWith(`${runtime.env.GOVGRAPH_DATA_DIR}/`)).toBe(true);
    expect(runtime.runs.join('\n')).toContain(`chown -R ${runtime.user} ${runtime.env.GOVGRAPH_DATA_DIR}`);
  });

  test('has a health check on /healthz, with a script that is in the image', () => {
    expect(runtime.healthcheck).toBeDefined();
    expect(runtime.healthcheck!.cmd).toEqual(['node', 'deploy/healthcheck.js', '/healthz']);
    expect(runtime.copies.some((c) => c.sources.includes('deploy/healthcheck.js'))).toBe(true);
    for (const flag of ['interval', 'timeout', 'start-period', 'retries']) expect(runtime.healthcheck!.flags[flag]).toBeTruthy();
  });

  test('exposes every role port', () => {
    expect([...runtime.expose].sort()).toEqual(Object.values(PORTS).sort());
  });

  test('copies only what exists and what .dockerignore lets into the context, and never keys or data', () => {
    for (const stage of stages) {
      for (const c of stage.copies.filter((c) => !c.from)) {
        for (const src of c.sources) {
          expect(fs.existsSync(path.join(ROOT, src))).toBe(true);
          expect([src, inBuildContext(src.replace(/\/$/, ''))]).toEqual([src, true]);
        }
      }
    }
    for (const rel of ['.data/keys/seal.key', 'deploy/govgraph-keys/gateway.private.jwk.json', 'node_modules/x/index.js', 'dist/cli/main.js', '.git/config', 'lib/config.test.ts', 'deploy/.env']) {
      expect([rel, inBuildContext(rel)]).toEqual([rel, false]);
    }
    for (const rel of ['lib/config.ts', 'policies/grants/demo.yaml', 'gateway/supergraph.graphql', 'patches/README.md', 'package-lock.json']) {
      expect([rel, inBuildContext(rel)]).toEqual([rel, true]);
    }
  });
});

describe('deploy/compose.yaml', () => {
  const compose = readCompose();
  const services = govgraphServices(compose);
  /** What an operator puts in deploy/.env. */
  const vars = { POSTGRES_PASSWORD: 'pg', MARIADB_ROOT_PASSWORD: 'my', REDIS_PASSWORD: 'rd', GOVGRAPH_SEAL_KEY: 'seal', GOVGRAPH_AUDIT_KEY: 'audit' };
  const runtimeEnv = parseDockerfile().at(-1)!.env;

  test('is valid against the compose-spec schema and lints clean (dclint)', () => {
    const linter = new DCLinter({
      rules: {
        // Style rules about ordering: this file is ordered by start-up, not alphabet.
        'service-keys-order': 0,
        'services-alphabetical-order': 0,
        'top-level-properties-order': 0,
        'service-dependencies-alphabetical-order': 0,
        'require-quotes-in-ports': [2, { quoteType: 'double' }],
      },
      quiet: false,
      debug: false,
      exclude: [],
    });
    const messages = linter.lintFiles([COMPOSE_FILE], false).flatMap((r) => r.messages.map((m) => `${m.rule} line ${m.line}: ${m.message}`));
    expect(messages).toEqual([]);
    // And it can fail: a misspelt key is a schema error.
    const broken = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'govgraph-compose-')), 'compose.yaml');
    fs.writeFileSync(broken, fs.readFileSync(COMPOSE_FILE, 'utf8').replace('    command: ["serve", "sharing"]', '    comand: ["serve", "sharing"]'));
    const errors = linter.lintFiles([broken], false).flatMap((r) => r.messages.map((m) => m.rule));
    fs.rmSync(path.dirname(broken), { recursive: true, force: true });
    expect(errors).toContain('invalid-schema');
  });

  test('runs every role of the CLI once, from the one image, with `serve <role>`', () => {
    expect(services.map(([name]) => name).sort()).toEqual(Object.keys(PORTS).sort());
    for (const [name, s] of services) {
      expect([name, s.command]).toEqual([name, ['serve', name]]);
      expect(s.build).toEqual({ context: '..', dockerfile: 'Dockerfile' });
      expect(s.read_only).toBe(true);
      if (name !== 'gateway') expect([name, s.expose]).toEqual([name, [String(PORTS[name])]]);
    }
  });

  test("every role's environment is one the code reads, and has what the role needs", () => {
    for (const [name, s] of services) {
      const env = { ...runtimeEnv, ...serviceEnvironment(s, vars) };
      expect([name, environmentProblems(name, env)]).toEqual([name, []]);
    }
  });

  test('refers only to variables deploy/.env provides or that have defaults', () => {
    const text = fs.readFileSync(COMPOSE_FILE, 'utf8');
    const required = new Set([...text.matchAll(/\$\{([A-Z_]+):\?/g)].map((m) => m[1]));
    expect([...required].sort()).toEqual(Object.keys(vars).sort());
    for (const v of new Set(referencedVariables(text))) expect([v, required.has(v) || new RegExp(`\\$\\{${v}:-`).test(text)]).toEqual([v, true]);
  });

  test('mounts each key file the environment names, and only those its holder needs', () => {
    for (const [name, s] of services) {
      const env = serviceEnvironment(s, vars);
      const mounted = (s.secrets ?? []).map((x) => (typeof x === 'string' ? x : x.source));
      const named = Object.values(env)
        .filter((v) => v.startsWith('/run/secrets/'))
        .map((v) => v.slice('/run/secrets/'.length));
      expect([name, [...mounted].sort()]).toEqual([name, [...named].sort()]);
      for (const secret of mounted) expect(compose.secrets?.[secret]?.file).toMatch(/^\$\{GOVGRAPH_KEYS_DIR:-\.\/govgraph-keys\}\/[a-z-]+\.(public|private)\.jwk\.json$/);
    }
    // The anchor's private key reaches the sharing subgraph alone; the token issuer's, nobody.
    const holders = services.filter(([, s]) => (s.secrets ?? []).includes('audit_anchor_private_key')).map(([n]) => n);
    expect(holders).toEqual(['sharing']);
    expect(JSON.stringify(compose.secrets)).not.toContain('token-issuer.private');
  });

  test('checks readiness and starts in order: databases, sharing (the platform tables), the other subgraphs, the gateway', () => {
    for (const [name, s] of Object.entries(compose.services)) expect([name, Array.isArray(s.healthcheck?.test)]).toEqual([name, true]);
    for (const [name, s] of services) {
      expect([name, s.healthcheck!.test]).toEqual([name, ['CMD', 'node', 'deploy/healthcheck.js', '/readyz']]);
      for (const [dep, c] of Object.entries(s.depends_on ?? {})) expect([name, dep, c.condition]).toEqual([name, dep, 'service_healthy']);
    }
    const deps = (n: string) => Object.keys(compose.services[n].depends_on ?? {});
    expect(deps('sharing')).toEqual(expect.arrayContaining(['postgres', 'redis']));
    for (const n of SUBGRAPH_NAMES.filter((n) => n !== 'sharing')) expect(deps(n)).toContain('sharing');
    expect(deps('gateway')).toEqual(expect.arrayContaining(SUBGRAPH_NAMES));
  });

  test('PostgreSQL has PostGIS, and the init scripts create exactly the databases the URLs name', () => {
    expect(compose.services.postgres.image).toMatch(/^postgis\/postgis:/);
    const urls = services.flatMap(([, s]) => Object.entries(serviceEnvironment(s, vars)).filter(([k]) => k.endsWith('_DB_URL')).map(([, v]) => new URL(v)));
    const named = (protocol: string) => [...new Set(urls.filter((u) => u.protocol === protocol).map((u) => u.pathname.slice(1)))].sort();
    const created = (file: string, re: RegExp) => [...fs.readFileSync(path.join(ROOT, 'deploy', 'compose', 'initdb', file), 'utf8').matchAll(re)].map((m) => m[1]).sort();
    expect(named('postgres:')).toEqual(created('postgres.sql', /^CREATE DATABASE (\w+)/gm));
    expect(named('mysql:')).toEqual(created('mariadb.sql', /^CREATE DATABASE IF NOT EXISTS (\w+)/gm));
    expect(fs.readFileSync(path.join(ROOT, 'deploy', 'compose', 'initdb', 'postgres.sql'), 'utf8')).toMatch(/\\connect geospatial\nCREATE EXTENSION IF NOT EXISTS postgis;/);
    for (const [, s] of services) for (const v of s.volumes ?? []) if (v.includes('compose/initdb')) expect(fs.existsSync(path.join(ROOT, 'deploy', v.split(':')[0]))).toBe(true);
  });

  test('each subgraph keeps its witness on a volume of its own and reads the policies read-only', () => {
    for (const [name, s] of services.filter(([n]) => n !== 'gateway')) {
      const env = { ...runtimeEnv, ...serviceEnvironment(s, vars) };
      const volumes = s.volumes ?? [];
      const dataVolume = volumes.find((v) => v.endsWith(`:${env.GOVGRAPH_DATA_DIR}`));
      expect([name, dataVolume]).toEqual([name, `${name}-data:${env.GOVGRAPH_DATA_DIR}`]);
      expect(env.GOVGRAPH_AUDIT_WITNESS_DIR.startsWith(`${env.GOVGRAPH_DATA_DIR}/`)).toBe(true);
      expect(volumes).toContain(`../policies:${env.GOVGRAPH_POLICY_DIR}:ro`);
      expect(compose.volumes).toHaveProperty(`${name}-data`);
    }
  });
});

describe('deploy/k8s', () => {
  const files = fs.readdirSync(K8S_DIR).filter((f) => f.endsWith('.yaml'));
  const objects = files.flatMap((f) => readK8s(f).map((o) => ({ file: f, o })));
  const applied = objects.filter(({ file }) => file !== 'kustomization.yaml' && file !== 'secrets.example.yaml');
  const deployments = applied.filter(({ o }) => o.kind === 'Deployment').map(({ o }) => o);
  const compose = readCompose();

  test('is what deploy/k8s/generate.ts writes from its role table and policies/', () => {
    expect(stale()).toEqual([]);
  });

  test('every object is valid against the Kubernetes API schema (kubernetes-models)', () => {
    const models: Record<string, new (data: any) => { validate(): void }> = {
      'apps/v1/Deployment': Deployment,
      'v1/Service': Service,
      'v1/ConfigMap': ConfigMap,
      'v1/Namespace': Namespace,
      'v1/Secret': Secret,
      'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
      'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
    };
    for (const { file, o } of objects.filter(({ file }) => file !== 'kustomization.yaml')) {
      const Model = models[`${o.apiVersion}/${o.kind}`];
      expect([file, o.kind, Boolean(Model)]).toEqual([file, o.kind, true]);
      expect(() => new Model(o).validate()).not.toThrow();
    }
    // The validator can fail: replicas as a string, a container without a name.
    const d = deployments[0];
    const broken = JSON.parse(JSON.stringify(d));
    broken.spec.replicas = '2';
    delete broken.spec.template.spec.containers[0].name;
    expect(() => new Deployment(broken).validate()).toThrow(/replicas must be integer[\s\S]*name/);
  });

  test('kustomization.yaml applies every manifest but the Secrets template', () => {
    const [k] = readK8s('kustomization.yaml');
    expect(k.kind).toBe('Kustomization');
    expect([...k.resources].sort()).toEqual(files.filter((f) => !['kustomization.yaml', 'secrets.example.yaml'].includes(f)).sort());
    expect(k.namespace).toBe('govgraph');
    expect(applied.every(({ o }) => o.kind !== 'Secret')).toBe(true);
  });

  test('one Deployment per role, at least two replicas, `serve <role>` on its port, the image of compose.yaml', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(Object.keys(PORTS).sort());
    for (const d of deployments) {
      const role = d.metadata.name;
      const c = d.spec.template.spec.containers[0];
      expect([role, d.spec.replicas >= 2]).toEqual([role, true]);
      expect([role, c.args]).toEqual([role, ['serve', role]]);
      expect(c.command).toBeUndefined(); // the image's ENTRYPOINT
      expect([role, c.ports]).toEqual([role, [{ name: 'http', containerPort: PORTS[role], protocol: 'TCP' }]]);
      expect(c.image).toBe(compose.services[role].image);
      expect(d.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    }
  });

  test('probes: liveness and start-up on /healthz, readiness on /readyz (gateways: /healthz, not to cascade a department\'s outage), on the serving port', () => {
    for (const d of deployments) {
      const c = d.spec.template.spec.containers[0];
      expect(c.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(c.readinessProbe.httpGet).toEqual({ path: d.metadata.name.endsWith('gateway') ? '/healthz' : '/readyz', port: 'http' });
    }
  });

  test('non-root, read-only root file system, no privileges; writable only where the processes write', () => {
    const uid = Number(parseDockerfile().at(-1)!.user!.split(':')[0]);
    for (const d of deployments) {
      const pod = d.spec.template.spec;
      const c = pod.containers[0];
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: uid, fsGroup: uid, seccompProfile: { type: 'RuntimeDefault' } });
      expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      expect(pod.automountServiceAccountToken).toBe(false);
      const env = Object.fromEntries(c.env.map((e: { name: string; value?: string }) => [e.name, e.value ?? '(secret)']));
      const mountOf = (dir: string) => c.volumeMounts.find((m: { mountPath: string }) => dir === m.mountPath || dir.startsWith(`${m.mountPath}/`));
      const volumeOf = (name: string) => pod.volumes.find((v: { name: string }) => v.name === name);
      expect(volumeOf(mountOf('/tmp').name).emptyDir).toBeDefined();
      if (d.metadata.name !== 'gateway') {
        for (const dir of [env.GOVGRAPH_DATA_DIR, env.GOVGRAPH_AUDIT_WITNESS_DIR]) {
          const m = mountOf(dir);
          expect([d.metadata.name, dir, m?.readOnly ?? false, Boolean(volumeOf(m.name).emptyDir)]).toEqual([d.metadata.name, dir, false, true]);
        }
      }
    }
  });

  test("every role's environment is one the code reads, has what the role needs, and is compose.yaml's", () => {
    for (const d of deployments) {
      const role = d.metadata.name;
      const env: Record<string, string> = Object.fromEntries(d.spec.template.spec.containers[0].env.map((e: { name: string; value?: string }) => [e.name, e.value ?? '(from a Secret)']));
      expect([role, environmentProblems(role, env)]).toEqual([role, []]);
      expect([role, Object.keys(env).sort()]).toEqual([role, Object.keys(compose.services[role].environment ?? {}).filter((k) => k !== 'GOVGRAPH_SEED_PERSONS').sort()]);
      // The same subgraph URLs as compose (Services are named after the roles).
      for (const [k, v] of Object.entries(env)) if (/_URL$/.test(k) && !v.startsWith('(')) expect([k, v]).toEqual([k, compose.services[role].environment![k]]);
    }
  });

  test('key files are in the pod, from the Secret of their holder; Secret keys are the ones create-secrets.sh makes', () => {
    const script = fs.readFileSync(path.join(K8S_DIR, 'create-secrets.sh'), 'utf8');
    for (const d of deployments) {
      const pod = d.spec.template.spec;
      const c = pod.containers[0];
      const keysMount = c.volumeMounts.find((m: { name: string }) => m.name === 'keys');
      const projected = pod.volumes.find((v: { name: string }) => v.name === 'keys').projected.sources as Array<{ secret: { name: string; items: Array<{ key: string; path: string }> } }>;
      const inPod = projected.flatMap((s) => s.secret.items.map((i) => `${keysMount.mountPath}/${i.path}`));
      for (const e of c.env as Array<{ name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }>) {
        if (e.value?.startsWith('/etc/')) expect([d.metadata.name, e.name, inPod.includes(e.value)]).toEqual([d.metadata.name, e.name, true]);
        const ref = e.valueFrom?.secretKeyRef;
        if (ref) {
          const secret = Object.values(SECRETS).find((s) => s.name === ref.name)!;
          const keys: readonly string[] = 'files' in secret ? secret.files : secret.keys;
          expect([e.name, keys.includes(ref.key)]).toEqual([e.name, true]);
        }
      }
      for (const s of projected) {
        expect(script).toContain(s.secret.name);
        for (const i of s.secret.items) expect(script).toContain(i.key);
      }
      const secretsUsed = projected.map((s) => s.secret.name);
      if (d.metadata.name === 'sharing') expect(secretsUsed).toContain(SECRETS.anchorKey.name);
      else expect(secretsUsed).not.toContain(SECRETS.anchorKey.name);
    }
    for (const k of SECRETS.connections.keys) expect(script).toContain(k);
    expect(script).not.toMatch(/--from-file=[^ ]*token-issuer\.private/);
  });

  test('the policies ConfigMap is policies/, file for file, and every subgraph mounts each at its path', () => {
    const cm = applied.find(({ o }) => o.kind === 'ConfigMap' && o.metadata.name === 'govgraph-policies')!.o;
    const dir = path.join(ROOT, 'policies');
    const files = policyFiles(dir);
    expect(Object.keys(cm.data).sort()).toEqual(files.map(policyKey).sort());
    for (const rel of files) expect([rel, cm.data[policyKey(rel)] === fs.readFileSync(path.join(dir, rel), 'utf8')]).toEqual([rel, true]);
    for (const d of deployments.filter((d) => d.metadata.name !== 'gateway')) {
      const pod = d.spec.template.spec;
      const c = pod.containers[0];
      const env = Object.fromEntries(c.env.map((e: { name: string; value?: string }) => [e.name, e.value]));
      const mount = c.volumeMounts.find((m: { mountPath: string }) => m.mountPath === env.GOVGRAPH_POLICY_DIR);
      expect(mount?.readOnly).toBe(true);
      const volume = pod.volumes.find((v: { name: string }) => v.name === mount.name);
      expect(volume.configMap.name).toBe(cm.metadata.name);
      expect(Object.fromEntries(volume.configMap.items.map((i: { key: string; path: string }) => [i.path, i.key]))).toEqual(Object.fromEntries(files.map((rel) => [rel, policyKey(rel)])));
    }
  });

  test('Services and PodDisruptionBudgets select their Deployment; Prometheus scrapes /metrics on the serving port', () => {
    for (const d of deployments) {
      const role = d.metadata.name;
      const labels = d.spec.template.metadata.labels;
      const svc = applied.find(({ o }) => o.kind === 'Service' && o.metadata.name === role)!.o;
      const pdb = applied.find(({ o }) => o.kind === 'PodDisruptionBudget' && o.metadata.name === role)!.o;
      for (const [k, v] of Object.entries(svc.spec.selector)) expect(labels[k]).toBe(v);
      for (const [k, v] of Object.entries(pdb.spec.selector.matchLabels)) expect(labels[k]).toBe(v);
      expect(svc.spec.ports).toEqual([{ name: 'http', port: PORTS[role], targetPort: 'http', protocol: 'TCP' }]);
      expect(pdb.spec.minAvailable).toBeLessThan(d.spec.replicas);
      expect(d.spec.template.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(PORTS[role]), 'prometheus.io/path': '/metrics' });
      const r = d.spec.template.spec.containers[0].resources;
      expect(r.requests.cpu && r.requests.memory && r.limits.memory).toBeTruthy();
    }
  });

  test('roles agree everywhere: generate.ts, the CLI, compose.yaml, the health check', () => {
    expect(Object.fromEntries(ROLES.map((r) => [r.name, r.port]))).toEqual(PORTS);
    for (const r of ROLES) expect(r.envStem).toBe(r.name === 'gateway' ? 'GATEWAY' : envName(r.name));
  });

  test('no key material is committed under deploy/', () => {
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (['govgraph-keys', 'node_modules'].includes(e.name) ? [] : walk(path.join(dir, e.name))) : [path.join(dir, e.name)]));
    for (const file of walk(path.join(ROOT, 'deploy'))) {
      const text = fs.readFileSync(file, 'utf8');
      expect([file, /"d"\s*:\s*"[A-Za-z0-9_-]{20,}"|BEGIN (EC |RSA )?PRIVATE KEY/.test(text)]).toEqual([file, false]);
    }
    for (const { o } of objects.filter(({ o }) => o.kind === 'Secret')) for (const v of Object.values(o.stringData ?? {})) expect(String(v)).toMatch(/^<.*>$/);
  });
});
