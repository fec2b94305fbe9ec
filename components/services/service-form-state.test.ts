import { describe, expect, it } from 'vitest';
import { serviceFormSchema } from '@/lib/schemas/services.ts';
import { emptyServiceForm, formFieldErrors, formStateFromSpec, toServiceInput, type ServiceFormState } from './service-form-state.ts';
import { toServiceSpec } from '@/lib/services/swarm-services/service-form.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import type { Message } from '@/lib/i18n/message.ts';

/** A problem as its name, a message as an English reader sees it. */
const english = (problem: string | Message) => (typeof problem === 'string' ? problem : renderMessage(problem, 'en'));

const SWARM = 'a'.repeat(25);
const state = (over: Partial<ServiceFormState>): ServiceFormState => ({ ...emptyServiceForm(), name: 'web', image: 'local/busybox:latest', ...over });

function input(over: Partial<ServiceFormState>) {
  const result = toServiceInput(SWARM, state(over), english);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.input;
}

describe('toServiceInput', () => {
  it('gives what the action schema accepts, with defaults for an untouched form', () => {
    const parsed = serviceFormSchema.parse(input({}));
    expect(parsed.form).toMatchObject({ name: 'web', image: 'local/busybox:latest', command: [], mode: 'replicated', replicas: 1, ports: [], cpus: null, memoryMb: null, restart: { condition: 'any', maxAttempts: null }, update: { parallelism: 1, delaySeconds: 0, failureAction: 'pause', order: 'stop-first' }, labels: {} });
  });

  it('splits the command line and keeps quoted parts whole', () => {
    expect(input({ command: `sh -c 'trap "exit 0" TERM; while true; do sleep 1; done'` }).form.command).toEqual(['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done']);
  });

  it('maps rows, dropping blank ones, and empty optional numbers to null', () => {
    const { form } = input({
      ports: [{ published: '', target: '80', protocol: 'tcp', mode: 'ingress' }, { published: '', target: '', protocol: 'udp', mode: 'host' }, { published: '8080', target: '81', protocol: 'udp', mode: 'host' }],
      env: [{ name: ' A ', value: ' x=y ' }, { name: '', value: '' }],
      mounts: [{ type: 'tmpfs', source: 'ignored', target: '/tmp/x', readOnly: false }, { type: 'volume', source: '', target: '', readOnly: true }],
      labels: [{ key: 'team', value: 'a' }, { key: '', value: '' }],
      constraints: 'node.role==worker\n\n  node.labels.zone==a  \n',
      cpus: '0.5',
      restartMaxAttempts: '3',
      secrets: { 'db-pass': { picked: true, target: '' }, other: { picked: false, target: 'x' } },
      configs: { 'app.conf': { picked: true, target: ' /etc/app.conf ' } },
    });
    const parsed = serviceFormSchema.parse({ swarmId: SWARM, form }).form;
    expect(parsed.ports).toEqual([{ published: null, target: 80, protocol: 'tcp', mode: 'ingress' }, { published: 8080, target: 81, protocol: 'udp', mode: 'host' }]);
    expect(parsed.env).toEqual([{ name: 'A', value: ' x=y ' }]);
    expect(parsed.mounts).toEqual([{ type: 'tmpfs', source: '', target: '/tmp/x', readOnly: false }]);
    expect(parsed.labels).toEqual({ team: 'a' });
    expect(parsed.constraints).toEqual(['node.role==worker', 'node.labels.zone==a']);
    expect(parsed.cpus).toBe(0.5);
    expect(parsed.restart.maxAttempts).toBe(3);
    expect(parsed.secrets).toEqual([{ name: 'db-pass', target: '' }]);
    expect(parsed.configs).toEqual([{ name: 'app.conf', target: '/etc/app.conf' }]);
  });

  it('a global service sends no replica count of its own', () => {
    expect(serviceFormSchema.parse(input({ mode: 'global', replicas: '' })).form.mode).toBe('global');
  });

  it('reports what it can see itself, keyed like the fields', () => {
    const result = toServiceInput(SWARM, state({ command: `sh -c 'x`, replicas: ' ', ports: [{ published: '80', target: '', protocol: 'tcp', mode: 'ingress' }], env: [{ name: '', value: 'v' }], labels: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] }), english);
    expect(result).toEqual({
      ok: false,
      errors: {
        command: ['A single quote is not closed.'],
        replicas: ['number'],
        'ports.0.target': ['port'],
        'env.0.name': ['variableName'],
        labels: ['labelTwice'],
      },
    });
  });
});

describe('formFieldErrors', () => {
  it('drops the form. prefix and gathers label key problems on the labels', () => {
    expect(formFieldErrors({ 'form.image': ['Not an image reference.'], 'form.ports.1.target': ['Too big'], 'form.labels.bad key': ['Invalid'], name: ['x'] })).toEqual({
      image: ['Not an image reference.'],
      'ports.1.target': ['Too big'],
      labels: ['Invalid'],
      name: ['x'],
    });
  });
  it('copes with no field errors', () => {
    expect(formFieldErrors(undefined)).toEqual({});
  });
});

describe('formStateFromSpec', () => {
  it('prefills every field from a spec the create form built, and sends the same form back', () => {
    const form = serviceFormSchema.parse({
      swarmId: 'a'.repeat(25),
      form: {
        name: 'web', image: 'busybox:1', command: ['sh', '-c', "echo 'hi there'"], replicas: 2, ports: [{ published: 8080, target: 80, protocol: 'udp', mode: 'host' }],
        env: [{ name: 'A', value: 'x=y' }], mounts: [{ type: 'volume', source: 'data', target: '/data', readOnly: true }, { type: 'tmpfs', target: '/tmp' }], networks: ['front'],
        constraints: ['node.role==worker', 'node.labels.zone==a'], cpus: 1.5, memoryMb: 256, restart: { condition: 'on-failure', maxAttempts: 4 },
        update: { parallelism: 2, delaySeconds: 10, failureAction: 'rollback', order: 'start-first' },
        preferences: ['node.labels.zone'], rollback: { parallelism: 0, delaySeconds: 3, failureAction: 'continue', order: 'start-first' },
        healthcheck: { command: ['wget', '-q', 'http://localhost/'], intervalSeconds: 5, timeoutSeconds: 1.5, retries: 2, startPeriodSeconds: 0.5 }, secrets: [{ name: 'key', target: 'api' }], configs: [{ name: 'conf', target: '/etc/app.conf' }], labels: { tier: 'web' },
      },
    }).form;
    const spec = toServiceSpec(form, { secrets: new Map([['key', 's1']]), configs: new Map([['conf', 'c1']]), networks: new Map([['front', 'n1']]) });
    const state = formStateFromSpec({ ...spec, Labels: { ...spec.Labels as object, 'wharf.owner.team': 't1' } }, { n1: 'front' });
    expect(state).toMatchObject({ name: 'web', image: 'busybox:1', command: `sh -c 'echo '\\''hi there'\\'''`, networks: ['front'], cpus: '1.5', memoryMb: '256', updateDelaySeconds: '10', labels: [{ key: 'tier', value: 'web' }] });
    const back = toServiceInput('a'.repeat(25), state, String);
    if (!back.ok) throw new Error(JSON.stringify(back.errors));
    expect(serviceFormSchema.parse(back.input).form).toEqual(form);
  });

  it('shows a shell health check as its line, with the shell ticked', () => {
    const state = formStateFromSpec({ Name: 'h', TaskTemplate: { ContainerSpec: { Image: 'busybox', Healthcheck: { Test: ['CMD-SHELL', 'test -f /ok || exit 1'], Retries: 3 } } } });
    expect(state).toMatchObject({ healthCommand: 'test -f /ok || exit 1', healthShell: true, healthRetries: '3', healthInterval: '' });
    const back = toServiceInput('a'.repeat(25), state, String);
    expect(back.ok && back.input.form.healthcheck).toMatchObject({ command: ['test -f /ok || exit 1'], shell: true, retries: '3' });
  });

  it('shows the tag without its digest pin, and a global service as global', () => {
    const state = formStateFromSpec({ Name: 'g', Mode: { Global: {} }, TaskTemplate: { ContainerSpec: { Image: `busybox:1@sha256:${'b'.repeat(64)}` } } });
    expect(state).toMatchObject({ image: 'busybox:1', mode: 'global', ports: [], env: [], command: '' });
  });
});
