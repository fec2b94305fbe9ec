import { describe, expect, it } from 'vitest';
import { serviceFormSchema } from '@/lib/schemas/services.ts';
import { emptyServiceForm, formFieldErrors, toServiceInput, type ServiceFormState } from './service-form-state.ts';

const SWARM = 'a'.repeat(25);
const state = (over: Partial<ServiceFormState>): ServiceFormState => ({ ...emptyServiceForm(), name: 'web', image: 'local/busybox:latest', ...over });

function input(over: Partial<ServiceFormState>) {
  const result = toServiceInput(SWARM, state(over), (problem) => problem);
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
    const result = toServiceInput(SWARM, state({ command: `sh -c 'x`, replicas: ' ', ports: [{ published: '80', target: '', protocol: 'tcp', mode: 'ingress' }], env: [{ name: '', value: 'v' }], labels: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] }), (problem) => problem);
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
