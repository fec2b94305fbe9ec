import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors.ts';
import { MASK } from '@/lib/models/containers/container-views.ts';
import { keepIdentity, maskUnchangedEnv, mergeFormSpec, restoreMaskedEnv } from './edit-spec.ts';
import { toServiceSpec, type ServiceForm } from './service-form.ts';

const form: ServiceForm = {
  name: 'web', image: 'busybox:2', command: ['sleep', '1'], mode: 'replicated', replicas: 3, ports: [{ published: 8080, target: 80, protocol: 'tcp', mode: 'ingress' }],
  env: [{ name: 'A', value: MASK }], mounts: [], networks: ['front'], constraints: ['node.role==worker'], cpus: 0.5, memoryMb: null,
  restart: { condition: 'on-failure', maxAttempts: 3 }, update: { parallelism: 2, delaySeconds: 1, failureAction: 'rollback', order: 'start-first' },
  secrets: [{ name: 'key', target: 'api-key' }], configs: [], labels: { tier: 'web' }, preferences: ['node.labels.rack'], rollback: { parallelism: 2, delaySeconds: 0, failureAction: 'continue', order: 'start-first' },
  healthcheck: { command: ['wget', '-q', 'http://localhost/'], shell: false, intervalSeconds: null, timeoutSeconds: null, retries: null, startPeriodSeconds: null },
};
const ids = { secrets: new Map([['key', 's1']]), configs: new Map<string, string>(), networks: new Map([['front', 'n1']]) };

// What an engine holds: fields the form covers, and many it does not.
const current = {
  Name: 'web',
  Labels: { old: 'x', 'wharf.owner.team': 't1' },
  TaskTemplate: {
    ContainerSpec: { Image: 'busybox:1@sha256:' + 'a'.repeat(64), Command: ['/entry'], Args: ['old'], Env: ['A=secret', 'B=2'], Labels: { 'wharf.owner.team': 't1' }, Healthcheck: { Test: ['CMD', 'true'] }, Secrets: [{ SecretName: 'key', SecretID: 's1', File: { Name: 'key', UID: '1000', GID: '1000', Mode: 0o400 } }] },
    Resources: { Limits: { NanoCPUs: 1e9, Pids: 100 }, Reservations: { MemoryBytes: 1024 } },
    RestartPolicy: { Condition: 'any', Delay: 5e9, MaxAttempts: 0 },
    Placement: { Constraints: ['node.role==manager'], Preferences: [{ Spread: { SpreadDescriptor: 'node.labels.zone' } }] },
    Networks: [{ Target: 'n1', Aliases: ['api'] }],
  },
  Mode: { Replicated: { Replicas: 1 } },
  UpdateConfig: { Parallelism: 1, Delay: 0, FailureAction: 'pause', Monitor: 5e9, MaxFailureRatio: 0, Order: 'stop-first' },
  RollbackConfig: { Parallelism: 1 },
  EndpointSpec: { Mode: 'vip' },
};

describe('mergeFormSpec', () => {
  const next = mergeFormSpec(current, toServiceSpec(form, ids)) as typeof current & Record<string, never>;

  it('replaces what the form covers', () => {
    expect(next.Labels).toEqual({ tier: 'web' });
    expect(next.TaskTemplate.ContainerSpec).toMatchObject({ Image: 'busybox:2', Args: ['sleep', '1'], Env: [`A=${MASK}`] });
    expect(next.TaskTemplate.Resources).toEqual({ Limits: { NanoCPUs: 5e8, Pids: 100 }, Reservations: { MemoryBytes: 1024 } });
    expect(next.TaskTemplate.RestartPolicy).toEqual({ Condition: 'on-failure', Delay: 5e9, MaxAttempts: 3 });
    expect(next.TaskTemplate.Placement).toEqual({ Constraints: ['node.role==worker'], Preferences: [{ Spread: { SpreadDescriptor: 'node.labels.rack' } }] });
    expect(next.TaskTemplate.ContainerSpec.Healthcheck).toEqual({ Test: ['CMD', 'wget', '-q', 'http://localhost/'] });
    expect(next.RollbackConfig).toEqual({ Parallelism: 2, Delay: 0, FailureAction: 'continue', Order: 'start-first' });
    expect(next.Mode).toEqual({ Replicated: { Replicas: 3 } });
    expect(next.UpdateConfig).toEqual({ Parallelism: 2, Delay: 1e9, FailureAction: 'rollback', Monitor: 5e9, MaxFailureRatio: 0, Order: 'start-first' });
    expect(next.EndpointSpec).toEqual({ Mode: 'vip', Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' }] });
  });

  it('keeps what the form does not cover: entrypoint, container labels, reservations, aliases, file modes', () => {
    expect(next.TaskTemplate.ContainerSpec).toMatchObject({ Command: ['/entry'], Labels: { 'wharf.owner.team': 't1' } });
    expect(next.TaskTemplate.Networks).toEqual([{ Target: 'n1', Aliases: ['api'] }]);
    expect(next.TaskTemplate.ContainerSpec.Secrets).toEqual([{ SecretName: 'key', SecretID: 's1', File: { Name: 'api-key', UID: '1000', GID: '1000', Mode: 0o400 } }]);
  });

  it('drops what the form emptied', () => {
    const emptied = mergeFormSpec(current, toServiceSpec({ ...form, command: [], env: [], networks: [], secrets: [], ports: [] }, ids)) as typeof current;
    expect(emptied.TaskTemplate.ContainerSpec).not.toHaveProperty('Args');
    expect(emptied.TaskTemplate.ContainerSpec).not.toHaveProperty('Env');
    expect(emptied.TaskTemplate.ContainerSpec).not.toHaveProperty('Secrets');
    expect(emptied.TaskTemplate).not.toHaveProperty('Networks');
    expect(emptied.EndpointSpec).toEqual({ Mode: 'vip' });
  });

  it("drops a health check the form emptied, but keeps the image's check turned off (NONE)", () => {
    const none = { ...form, healthcheck: { ...form.healthcheck, command: [] } };
    expect((mergeFormSpec(current, toServiceSpec(none, ids)) as typeof current).TaskTemplate.ContainerSpec).not.toHaveProperty('Healthcheck');
    const off = { ...current, TaskTemplate: { ...current.TaskTemplate, ContainerSpec: { ...current.TaskTemplate.ContainerSpec, Healthcheck: { Test: ['NONE'] } } } };
    expect((mergeFormSpec(off, toServiceSpec(none, ids)) as typeof current).TaskTemplate.ContainerSpec.Healthcheck).toEqual({ Test: ['NONE'] });
  });
});

describe('environment values the browser saw masked', () => {
  const withEnv = (env: string[]) => ({ ...current, TaskTemplate: { ...current.TaskTemplate, ContainerSpec: { ...current.TaskTemplate.ContainerSpec, Env: env } } });
  it('keep their value; typed values are kept as typed', () => {
    expect((restoreMaskedEnv(withEnv([`A=${MASK}`, 'B=3', 'C=new']), current) as typeof current).TaskTemplate.ContainerSpec.Env).toEqual(['A=secret', 'B=3', 'C=new']);
  });
  it('refuse a new variable left masked', () => {
    expect(() => restoreMaskedEnv(withEnv([`Z=${MASK}`]), current)).toThrow(AppError);
  });
  it('show in the diff masked when unchanged, as typed when changed', () => {
    expect((maskUnchangedEnv(withEnv(['A=secret', 'B=3']), current) as typeof current).TaskTemplate.ContainerSpec.Env).toEqual([`A=${MASK}`, 'B=3']);
  });
});

describe('keepIdentity', () => {
  it('keeps the name and the owner labels on the service and its containers, whatever the edit says', () => {
    const next = keepIdentity({ Labels: { a: '1', 'wharf.owner.team': 'other' }, TaskTemplate: { ContainerSpec: { Image: 'x' } } }, current) as typeof current;
    expect(next.Name).toBe('web');
    expect(next.Labels).toEqual({ a: '1', 'wharf.owner.team': 't1' });
    expect(next.TaskTemplate.ContainerSpec.Labels).toEqual({ 'wharf.owner.team': 't1' });
  });
  it('refuses a rename', () => {
    expect(() => keepIdentity({ Name: 'other' }, current)).toThrow(/cannot be renamed/);
  });
});
