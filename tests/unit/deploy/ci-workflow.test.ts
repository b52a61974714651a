import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

/**
 * .github/workflows/ci.yml runs what .ci/run runs: every phase of .ci/run is a workflow step of the same name, and a
 * phase whose function is one command runs that same command there. A phase added to .ci/run without its step
 * fails here.
 */
const StepSchema = z.union([
  z.object({ name: z.string().optional(), id: z.string().optional(), if: z.string().optional(), uses: z.string(), with: z.record(z.string(), z.unknown()).optional(), env: z.record(z.string(), z.string()).optional() }).strict(),
  z.object({ name: z.string().optional(), id: z.string().optional(), if: z.string().optional(), run: z.string(), env: z.record(z.string(), z.string()).optional(), 'working-directory': z.string().optional() }).strict(),
]);
const JobSchema = z.looseObject({
  'runs-on': z.string(),
  'timeout-minutes': z.number().int().positive(),
  needs: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  services: z.record(z.string(), z.looseObject({ image: z.string(), env: z.record(z.string(), z.string()).optional(), ports: z.array(z.string()).optional() })).optional(),
  steps: z.array(StepSchema).min(1),
});
const WorkflowSchema = z.object({
  name: z.string(),
  on: z.looseObject({ push: z.unknown(), pull_request: z.unknown() }),
  permissions: z.record(z.string(), z.string()),
  concurrency: z.unknown().optional(),
  jobs: z.record(z.string(), JobSchema),
});
type Step = z.infer<typeof StepSchema>;

const workflow = WorkflowSchema.parse(parse(readFileSync('.github/workflows/ci.yml', 'utf8')));
const ciRun = readFileSync('.ci/run', 'utf8');
const checks = workflow.jobs.checks;

/** `phase "name" function` lines of .ci/run, the trap's included, in order. */
const phases = [...ciRun.matchAll(/phase "([^"]+)" ([a-z_]+)/g)].map((match) => ({ name: match[1] ?? '', fn: match[2] ?? '' }));
/** `name() { body; }` one-line functions of .ci/run. */
const oneLiners = new Map([...ciRun.matchAll(/^([a-z_]+)\(\) \{ (.+); \}$/gm)].map((match) => [match[1] ?? '', match[2] ?? '']));
/** Phases that cannot run their command on a hosted runner, and what stands in for it there. */
const standIns: Record<string, (step: Step) => boolean> = {
  // apt-get of redis-server and a local Java: the runner has service containers and setup-java instead.
  'system packages': (step) => 'uses' in step && step.uses.startsWith('actions/setup-java@'),
};

function stepNamed(name: string): Step | undefined {
  return checks?.steps.find((step) => step.name === name);
}

describe('.github/workflows/ci.yml', () => {
  it('reads the phases of .ci/run', () => {
    expect(phases.map((phase) => phase.name)).toEqual(expect.arrayContaining(['npm ci', 'lint', 'typecheck', 'tests (npm test)']));
  });

  it.each(phases.map((phase) => [phase.name, phase.fn]))('has a step for the .ci/run phase "%s"', (name) => {
    expect(stepNamed(name), `no step named "${name}" in the checks job`).toBeDefined();
  });

  it.each(phases.map((phase) => [phase.name, phase.fn]))('runs the same command as .ci/run for "%s" (%s)', (name, fn) => {
    const step = stepNamed(name);
    if (!step) throw new Error(`no step named "${name}"`);
    const standIn = standIns[name];
    if (standIn) {
      expect(standIn(step)).toBe(true);
      return;
    }
    const command = oneLiners.get(fn);
    expect(command, `.ci/run's ${fn} is not a one-line function: add a stand-in for "${name}" here`).toBeDefined();
    expect('run' in step ? step.run : '').toContain(command);
  });

  it('defines every variable the phase commands use, with the values .ci/run gives them', () => {
    const used = new Set(phases.flatMap(({ fn }) => [...(oneLiners.get(fn) ?? '').matchAll(/\$([A-Z_]+)/g)].map((match) => match[1] ?? '')));
    for (const variable of used) expect(checks?.env?.[variable], variable).toBeDefined();
    for (const [, variable, value] of ciRun.matchAll(/^([A-Z_]+)=(\d+)$/gm)) expect(checks?.env?.[variable ?? ''], variable).toBe(value);
  });

  it('stops the services even when a step failed, as the trap of .ci/run does', () => {
    expect(stepNamed('stop services')?.if).toBe('always()');
  });

  it('runs the tests against Redis and Elasticsearch service containers, the versions docker-compose.yml runs', () => {
    const compose = z
      .object({ services: z.record(z.string(), z.looseObject({ image: z.string() })) })
      .parse(parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }));
    expect(checks?.services?.redis?.image).toBe(compose.services.redis?.image);
    expect(checks?.services?.elasticsearch?.image).toBe(compose.services.elasticsearch?.image);
    expect(checks?.env).toMatchObject({ REDIS_URL: 'redis://127.0.0.1:6379', ELASTICSEARCH_URL: 'http://127.0.0.1:9200' });
  });

  it('uses Node 20 and Java 17, as the README asks', () => {
    const setupNode = checks?.steps.find((step) => 'uses' in step && step.uses.startsWith('actions/setup-node@'));
    const setupJava = checks?.steps.find((step) => 'uses' in step && step.uses.startsWith('actions/setup-java@'));
    expect(setupNode && 'with' in setupNode ? setupNode.with : undefined).toMatchObject({ 'node-version': 20 });
    expect(setupJava && 'with' in setupJava ? setupJava.with : undefined).toMatchObject({ 'java-version': '17' });
  });

  it('builds the image from the Dockerfile only after the checks pass, and pushes it for version tags only', () => {
    const image = workflow.jobs.image;
    expect(image?.needs).toContain('checks');
    const build = image?.steps.find((step) => 'uses' in step && step.uses.startsWith('docker/build-push-action@'));
    expect(build && 'with' in build ? build.with : undefined).toMatchObject({ context: '.', push: "${{ startsWith(github.ref, 'refs/tags/v') }}" });
  });

  it('grants the workflow read-only access by default', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });
});
