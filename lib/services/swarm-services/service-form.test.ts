import { describe, expect, it } from 'vitest';
import { toServiceSpec, type ServiceForm } from './service-form.ts';

const base: ServiceForm = {
  name: 'web', image: 'local/busybox:latest', command: [], mode: 'replicated', replicas: 2, ports: [], env: [], mounts: [], networks: [], constraints: [],
  cpus: null, memoryMb: null, restart: { condition: 'any', maxAttempts: null }, update: { parallelism: 1, delaySeconds: 5, failureAction: 'pause', order: 'stop-first' },
  secrets: [], configs: [], labels: {}, preferences: [], rollback: { parallelism: 1, delaySeconds: 0, failureAction: 'pause', order: 'stop-first' },
  healthcheck: { command: [], shell: false, intervalSeconds: null, timeoutSeconds: null, retries: null, startPeriodSeconds: null },
};
const noIds = { secrets: new Map<string, string>(), configs: new Map<string, string>(), networks: new Map<string, string>() };

describe('toServiceSpec', () => {
  it('builds a minimal replicated service', () => {
    expect(toServiceSpec(base, noIds)).toEqual({
      Name: 'web', Labels: {},
      TaskTemplate: { ContainerSpec: { Image: 'local/busybox:latest' }, Resources: { Limits: {} }, RestartPolicy: { Condition: 'any' }, Placement: {} },
      Mode: { Replicated: { Replicas: 2 } },
      UpdateConfig: { Parallelism: 1, Delay: 5_000_000_000, FailureAction: 'pause', Order: 'stop-first' },
      RollbackConfig: { Parallelism: 1, Delay: 0, FailureAction: 'pause', Order: 'stop-first' },
      EndpointSpec: { Ports: [] },
    });
  });

  it('maps every field of the form', () => {
    const spec = toServiceSpec(
      {
        ...base, command: ['httpd', '-f'], mode: 'global',
        ports: [{ published: 8080, target: 80, protocol: 'tcp', mode: 'host' }, { published: null, target: 53, protocol: 'udp', mode: 'ingress' }],
        env: [{ name: 'A', value: 'b=c' }], mounts: [{ type: 'volume', source: 'data', target: '/d', readOnly: true }, { type: 'tmpfs', source: '', target: '/t', readOnly: false }],
        networks: ['front'], constraints: ['node.role == worker'], cpus: 0.5, memoryMb: 256, restart: { condition: 'on-failure', maxAttempts: 3 },
        secrets: [{ name: 'db-pass', target: '' }], configs: [{ name: 'nginx.conf', target: '/etc/nginx/nginx.conf' }], labels: { team: 'a' },
      },
      { secrets: new Map([['db-pass', 'sec1']]), configs: new Map([['nginx.conf', 'cfg1']]), networks: new Map([['front', 'net1']]) },
    ) as Record<string, Record<string, unknown>>;
    const task = spec.TaskTemplate as Record<string, Record<string, unknown>>;
    expect(spec.Mode).toEqual({ Global: {} });
    expect(task.ContainerSpec).toEqual({
      Image: 'local/busybox:latest', Args: ['httpd', '-f'], Env: ['A=b=c'],
      Mounts: [{ Type: 'volume', Source: 'data', Target: '/d', ReadOnly: true }, { Type: 'tmpfs', Target: '/t', ReadOnly: false }],
      Secrets: [{ SecretName: 'db-pass', SecretID: 'sec1', File: { Name: 'db-pass', UID: '0', GID: '0', Mode: 0o444 } }],
      Configs: [{ ConfigName: 'nginx.conf', ConfigID: 'cfg1', File: { Name: '/etc/nginx/nginx.conf', UID: '0', GID: '0', Mode: 0o444 } }],
    });
    expect(task.Resources).toEqual({ Limits: { NanoCPUs: 500_000_000, MemoryBytes: 268_435_456 } });
    expect(task.RestartPolicy).toEqual({ Condition: 'on-failure', MaxAttempts: 3 });
    expect(task.Placement).toEqual({ Constraints: ['node.role == worker'] });
    expect(task.Networks).toEqual([{ Target: 'net1' }]);
    expect(spec.EndpointSpec).toEqual({ Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'host' }, { Protocol: 'udp', TargetPort: 53, PublishMode: 'ingress' }] });
    expect(spec.Labels).toEqual({ team: 'a' });
  });

  it('maps placement preferences, the rollback policy and the health check', () => {
    const spec = toServiceSpec(
      {
        ...base, preferences: ['node.labels.zone'], rollback: { parallelism: 0, delaySeconds: 2, failureAction: 'continue', order: 'start-first' },
        healthcheck: { command: ['curl -f http://localhost/ || exit 1'], shell: true, intervalSeconds: 10, timeoutSeconds: 2.5, retries: 3, startPeriodSeconds: null },
      },
      noIds,
    ) as Record<string, Record<string, Record<string, unknown>>>;
    expect(spec.TaskTemplate!.Placement).toEqual({ Preferences: [{ Spread: { SpreadDescriptor: 'node.labels.zone' } }] });
    expect(spec.RollbackConfig).toEqual({ Parallelism: 0, Delay: 2_000_000_000, FailureAction: 'continue', Order: 'start-first' });
    expect(spec.TaskTemplate!.ContainerSpec!.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], Interval: 10_000_000_000, Timeout: 2_500_000_000, Retries: 3 });
  });
});
