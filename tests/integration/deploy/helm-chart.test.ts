import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { describeEnvironment } from '../../../src/config/env.js';
import { STEPS } from '../../../src/domain/step.js';

/**
 * Helm's own lint and template (through tools/helm-check, no helm binary needed) on deploy/helm/soc-agent, and the
 * rendered manifests checked for what an operator relies on: a Deployment per process and per step, probes,
 * resource requests, a locked-down pod, and secrets nowhere but in the Secret.
 */
const CHART = 'deploy/helm/soc-agent';
const TOOL = 'tools/helm-check';
const JAR = path.join(TOOL, 'target', 'helm-check-1.0.0.jar');
const ALL_FEATURES = path.join(CHART, 'ci', 'all-features-values.yaml');
const EXISTING_SECRET = path.join(CHART, 'ci', 'existing-secret-values.yaml');
const RELEASE = ['--name', 'soc', '--namespace', 'security'];

const environment = describeEnvironment();
const knownVariables = new Set(environment.map((variable) => variable.name));
const secretVariables = new Set(environment.filter((variable) => variable.secret).map((variable) => variable.name));

function newestMtime(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => statSync(path.join(entry.parentPath, entry.name)).mtimeMs),
  );
}

function helmCheck(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('java', ['-jar', JAR, ...args], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const ManifestSchema = z.looseObject({
  kind: z.string(),
  metadata: z.looseObject({ name: z.string(), labels: z.record(z.string(), z.string()).optional() }),
});
type Manifest = z.infer<typeof ManifestSchema>;

const ProbeSchema = z.object({
  httpGet: z.object({
    path: z.string(),
    port: z.union([z.string(), z.number()]),
    httpHeaders: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
  }),
});
const EnvVarSchema = z.object({
  name: z.string(),
  value: z.string().optional(),
  valueFrom: z.object({ secretKeyRef: z.object({ name: z.string(), key: z.string(), optional: z.boolean() }) }).optional(),
});
const ContainerSchema = z.looseObject({
  command: z.array(z.string()),
  args: z.array(z.string()),
  env: z.array(EnvVarSchema).nullish(),
  envFrom: z.array(z.object({ configMapRef: z.object({ name: z.string() }) })),
  startupProbe: ProbeSchema.optional(),
  livenessProbe: ProbeSchema.optional(),
  readinessProbe: ProbeSchema.optional(),
  resources: z.object({ requests: z.record(z.string(), z.union([z.string(), z.number()])).optional(), limits: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
  securityContext: z.looseObject({
    readOnlyRootFilesystem: z.boolean().optional(),
    allowPrivilegeEscalation: z.boolean().optional(),
    capabilities: z.object({ drop: z.array(z.string()) }).optional(),
  }),
  volumeMounts: z.array(z.object({ name: z.string(), mountPath: z.string() })),
});
const DeploymentSchema = z.looseObject({
  kind: z.literal('Deployment'),
  metadata: z.looseObject({ name: z.string(), labels: z.record(z.string(), z.string()) }),
  spec: z.looseObject({
    replicas: z.number().optional(),
    template: z.object({
      metadata: z.looseObject({ labels: z.record(z.string(), z.string()) }),
      spec: z.looseObject({
        automountServiceAccountToken: z.boolean(),
        securityContext: z.looseObject({ runAsNonRoot: z.boolean(), runAsUser: z.number() }),
        containers: z.array(ContainerSchema),
      }),
    }),
  }),
});
type Deployment = z.infer<typeof DeploymentSchema>;
const ConfigMapSchema = z.looseObject({ kind: z.literal('ConfigMap'), data: z.record(z.string(), z.string()) });
const SecretSchema = z.looseObject({ kind: z.literal('Secret'), data: z.record(z.string(), z.string()).nullish() });
const ScaledObjectSchema = z.looseObject({
  kind: z.literal('ScaledObject'),
  spec: z.looseObject({
    scaleTargetRef: z.object({ name: z.string() }),
    minReplicaCount: z.number(),
    maxReplicaCount: z.number(),
    triggers: z.array(z.object({ type: z.string(), metadata: z.record(z.string(), z.string()), authenticationRef: z.object({ name: z.string() }).optional() })),
  }),
});

const rendered = new Map<string, { manifests: Manifest[]; texts: string[] }>();

/** The rendered manifests, each with its YAML text so a test can search a document for a value; once per values. */
function render(...args: string[]): { manifests: Manifest[]; texts: string[] } {
  const key = args.join(' ');
  const known = rendered.get(key);
  if (known) return known;
  const result = helmCheck('template', CHART, ...RELEASE, ...args);
  expect(result.status, result.stderr).toBe(0);
  const documents = parseAllDocuments(result.stdout).filter((document) => document.contents !== null);
  for (const document of documents) expect(document.errors, String(document.errors[0])).toEqual([]);
  const output = { manifests: documents.map((document) => ManifestSchema.parse(document.toJS())), texts: documents.map((document) => document.toString()) };
  rendered.set(key, output);
  return output;
}

function ofKind<T>(manifests: readonly Manifest[], schema: z.ZodType<T>, kind: string): T[] {
  return manifests.filter((manifest) => manifest.kind === kind).map((manifest) => schema.parse(manifest));
}

function container(deployment: Deployment) {
  const [only] = deployment.spec.template.spec.containers;
  if (!only) throw new Error(`${deployment.metadata.name} has no container`);
  return only;
}

function deploymentNamed(deployments: readonly Deployment[], suffix: string): Deployment {
  const found = deployments.find((deployment) => deployment.metadata.name === `soc-soc-agent-${suffix}`);
  if (!found) throw new Error(`no Deployment soc-soc-agent-${suffix}; rendered: ${deployments.map((deployment) => deployment.metadata.name).join(', ')}`);
  return found;
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'helm-chart-test-'));
  if (existsSync(JAR) && statSync(JAR).mtimeMs >= Math.max(newestMtime(path.join(TOOL, 'src')), statSync(path.join(TOOL, 'pom.xml')).mtimeMs)) return;
  const build = spawnSync('mvn', ['-q', '-B', '-f', path.join(TOOL, 'pom.xml'), 'package'], { encoding: 'utf8' });
  if (build.error) throw build.error;
  expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
  // A first build downloads Helm's native library (about 95 MB) from Maven Central.
}, 600_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the Helm chart', () => {
  it('passes helm lint --strict with no errors or warnings', () => {
    const result = helmCheck('lint', CHART, '--strict');
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout.split('\n').filter((line) => /^\[(ERROR|WARNING)\]/.test(line))).toEqual([]);
    expect(result.stdout).toContain('lint: passed');
  });

  it('renders a Deployment for the api, the producer, the mcp-server and each of the six steps', () => {
    const deployments = ofKind(render().manifests, DeploymentSchema, 'Deployment');
    expect(deployments.map((deployment) => deployment.metadata.name).sort()).toEqual(
      ['api', 'producer', 'mcp-server', ...STEPS.map((step) => `worker-${step.replace('_', '-')}`)].map((suffix) => `soc-soc-agent-${suffix}`).sort(),
    );
  });

  it.each(STEPS)('runs the %s worker on that step alone, with its own concurrency', (step) => {
    const worker = container(deploymentNamed(ofKind(render().manifests, DeploymentSchema, 'Deployment'), `worker-${step.replace('_', '-')}`));
    expect([...worker.command, ...worker.args]).toEqual(['node', 'dist/src/workers/main.js', '--steps', step]);
    expect(worker.env?.find((variable) => variable.name === 'WORKER_CONCURRENCY')?.value).toMatch(new RegExp(`^${step}=[1-9][0-9]*$`));
  });

  it('gives the investigate step the largest resource requests of the workers', () => {
    const deployments = ofKind(render().manifests, DeploymentSchema, 'Deployment');
    const memory = (step: string) => String(container(deploymentNamed(deployments, `worker-${step.replace('_', '-')}`)).resources.requests?.memory);
    const mebibytes = (value: string) => Number(value.replace(/Mi$/, '')) * (value.endsWith('Gi') ? 1024 : 1);
    for (const step of STEPS.filter((name) => name !== 'investigate')) expect(mebibytes(memory('investigate'))).toBeGreaterThan(mebibytes(memory(step)));
  });

  it('probes every process on /healthz (liveness) and /readyz (readiness), and requests resources for it', () => {
    for (const deployment of ofKind(render().manifests, DeploymentSchema, 'Deployment')) {
      const main = container(deployment);
      const name = deployment.metadata.name;
      expect(main.livenessProbe?.httpGet.path, name).toBe('/healthz');
      // The MCP server has no dependencies to wait for: its readiness is its liveness.
      expect(main.readinessProbe?.httpGet.path, name).toBe(name.endsWith('mcp-server') ? '/healthz' : '/readyz');
      expect(main.resources.requests?.cpu, name).toBeDefined();
      expect(main.resources.requests?.memory, name).toBeDefined();
      expect(main.resources.limits?.memory, name).toBeDefined();
    }
  });

  it('probes the MCP server with a Host it accepts, and accepts its own Service name', () => {
    const { manifests } = render();
    const mcp = container(deploymentNamed(ofKind(manifests, DeploymentSchema, 'Deployment'), 'mcp-server'));
    expect([...mcp.command, ...mcp.args]).toEqual(['node', 'dist/src/mcp-server/main.js', '--http']);
    expect(mcp.livenessProbe?.httpGet.httpHeaders).toEqual([{ name: 'Host', value: 'localhost' }]);
    const [config] = ofKind(manifests, ConfigMapSchema, 'ConfigMap');
    expect(config?.data.MCP_HTTP_ALLOWED_HOSTS?.split(',')).toEqual(expect.arrayContaining(['soc-soc-agent-mcp-server', 'soc-soc-agent-mcp-server.security.svc.cluster.local']));
  });

  it('runs every pod as a non-root user on a read-only root filesystem with no capabilities and no API token', () => {
    for (const deployment of ofKind(render().manifests, DeploymentSchema, 'Deployment')) {
      const pod = deployment.spec.template.spec;
      const main = container(deployment);
      expect(pod.securityContext, deployment.metadata.name).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      expect(pod.automountServiceAccountToken, deployment.metadata.name).toBe(false);
      expect(main.securityContext, deployment.metadata.name).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      expect(main.volumeMounts.map((mount) => mount.mountPath), deployment.metadata.name).toContain('/tmp');
    }
  });

  it('puts the threat-intel download folder on a writable volume where feeds are refreshed', () => {
    const { manifests } = render();
    const [config] = ofKind(manifests, ConfigMapSchema, 'ConfigMap');
    const cacheDir = config?.data.INTEL_CACHE_DIR ?? '';
    for (const suffix of ['mcp-server', 'worker-investigate']) {
      const mounts = container(deploymentNamed(ofKind(manifests, DeploymentSchema, 'Deployment'), suffix)).volumeMounts;
      expect(mounts.some((mount) => cacheDir.startsWith(`${mount.mountPath}/`)), suffix).toBe(true);
    }
  });

  it('fills the ConfigMap with variables the configuration schema knows, none of them secret', () => {
    for (const values of [[], ['--values', ALL_FEATURES]]) {
      const [config] = ofKind(render(...values).manifests, ConfigMapSchema, 'ConfigMap');
      const names = Object.keys(config?.data ?? {});
      expect(names.length).toBeGreaterThan(0);
      expect(names.filter((name) => !knownVariables.has(name))).toEqual([]);
      expect(names.filter((name) => secretVariables.has(name))).toEqual([]);
    }
  });

  it('keeps every secret value in the Secret and out of every other manifest', () => {
    const { manifests, texts } = render('--values', ALL_FEATURES);
    const secretValues = z.object({ secrets: z.record(z.string(), z.string()) }).parse(parse(readFileSync(ALL_FEATURES, 'utf8'))).secrets;
    const [secret] = ofKind(manifests, SecretSchema, 'Secret');
    expect(Object.keys(secretValues).sort()).toEqual(Object.keys(secret?.data ?? {}).sort());
    for (const [name, value] of Object.entries(secretValues)) {
      expect(Buffer.from(secret?.data?.[name] ?? '', 'base64').toString('utf8'), name).toBe(value);
      // The secret part of each value (of REDIS_URL, the password; the rest of that URL is in the ConfigMap).
      const marker = /secret-[a-z-]+-0123456789/.exec(value)?.[0] ?? value;
      const leaks = texts.filter((text, index) => manifests[index]?.kind !== 'Secret' && text.includes(marker));
      expect(leaks, `${name} appears outside the Secret`).toEqual([]);
    }
  });

  it('gives each process only the secrets it uses, and requires the tokens of the api and the mcp-server', () => {
    const deployments = ofKind(render().manifests, DeploymentSchema, 'Deployment');
    const secretKeys = (suffix: string) =>
      (container(deploymentNamed(deployments, suffix)).env ?? []).flatMap((variable) => (variable.valueFrom ? [variable.valueFrom.secretKeyRef] : []));
    expect(secretKeys('api').find((ref) => ref.key === 'API_TOKEN')?.optional).toBe(false);
    expect(secretKeys('mcp-server').find((ref) => ref.key === 'MCP_HTTP_TOKEN')?.optional).toBe(false);
    expect(secretKeys('api').map((ref) => ref.key)).not.toContain('ANTHROPIC_API_KEY');
    expect(secretKeys('producer').map((ref) => ref.key)).not.toContain('ANTHROPIC_API_KEY');
    expect(secretKeys('worker-investigate').map((ref) => ref.key)).toContain('ANTHROPIC_API_KEY');
    expect(secretKeys('worker-investigate').map((ref) => ref.key)).not.toContain('API_TOKEN');
  });

  it('renders no Secret and points every process at an existing one when existingSecret is set', () => {
    const { manifests } = render('--values', EXISTING_SECRET);
    expect(manifests.filter((manifest) => manifest.kind === 'Secret')).toEqual([]);
    const refs = ofKind(manifests, DeploymentSchema, 'Deployment').flatMap((deployment) => (container(deployment).env ?? []).flatMap((variable) => (variable.valueFrom ? [variable.valueFrom.secretKeyRef.name] : [])));
    expect(refs.length).toBeGreaterThan(0);
    expect(new Set(refs)).toEqual(new Set(['soc-agent-credentials']));
  });

  it('scales each step on its BullMQ wait list with KEDA when autoscaling is on, and leaves replicas to it', () => {
    const { manifests } = render('--values', ALL_FEATURES);
    const scaled = ofKind(manifests, ScaledObjectSchema, 'ScaledObject');
    expect(scaled.map((object) => object.spec.triggers[0]?.metadata.listName).sort()).toEqual(STEPS.map((step) => `{soc-prod}:${step}:wait`).sort());
    for (const object of scaled) {
      expect(object.spec.triggers[0]).toMatchObject({ type: 'redis', metadata: { address: 'redis.example.internal:6380', enableTLS: 'true', databaseIndex: '2' }, authenticationRef: { name: 'soc-agent-redis' } });
      expect(object.spec.minReplicaCount).toBeLessThanOrEqual(object.spec.maxReplicaCount);
    }
    const workers = ofKind(manifests, DeploymentSchema, 'Deployment').filter((deployment) => deployment.metadata.labels['app.kubernetes.io/component'] === 'worker');
    expect(workers.map((worker) => worker.spec.replicas)).toEqual(STEPS.map(() => undefined));
    expect(new Set(scaled.map((object) => object.spec.scaleTargetRef.name))).toEqual(new Set(workers.map((worker) => worker.metadata.name)));
  });

  it('renders the optional ingress, PodMonitor and NetworkPolicies when they are switched on, and none of them by default', () => {
    const optional = ['Ingress', 'PodMonitor', 'NetworkPolicy', 'ScaledObject'];
    expect(render().manifests.filter((manifest) => optional.includes(manifest.kind))).toEqual([]);
    const kinds = new Set(render('--values', ALL_FEATURES).manifests.map((manifest) => manifest.kind));
    for (const kind of optional) expect(kinds.has(kind), kind).toBe(true);
  });

  it('refuses to render a secret put under config, naming the variable', () => {
    const values = path.join(scratch, 'secret-in-config.yaml');
    writeFileSync(values, 'config:\n  ANTHROPIC_API_KEY: model-key-should-not-be-here\n');
    const result = helmCheck('template', CHART, ...RELEASE, '--values', values);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('config.ANTHROPIC_API_KEY: a secret');
    expect(result.stdout).not.toContain('model-key-should-not-be-here');
  });

  it('refuses values that miss the schema, naming the field', () => {
    const values = path.join(scratch, 'typo.yaml');
    writeFileSync(values, 'workers:\n  steps:\n    investigat:\n      replicas: 3\n');
    const result = helmCheck('template', CHART, ...RELEASE, '--values', values);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('investigat');
  });
});
