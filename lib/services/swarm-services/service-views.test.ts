import { describe, expect, it } from 'vitest';
import type { TaskView } from '@/lib/services/swarms/swarm-views.ts';
import { formatPort, maskServiceSpec, pinnedDigest, serviceEnv, stripDigest, toServiceRow, updateProgress } from './service-views.ts';

const task = (over: Partial<TaskView>): TaskView => ({ id: 't', serviceId: 's1', serviceName: 'web', slot: 1, nodeId: 'n', image: 'nginx:2', state: 'running', desiredState: 'running', message: '', error: null, exitCode: null, updatedAt: '2026-01-01T00:00:00Z', ...over });

const service = {
  ID: 's1',
  CreatedAt: '2026-01-01T00:00:00Z',
  UpdatedAt: '2026-01-02T00:00:00Z',
  Spec: {
    Name: 'shop_web',
    Labels: { 'com.docker.stack.namespace': 'shop' },
    Mode: { Replicated: { Replicas: 3 } },
    TaskTemplate: { ContainerSpec: { Image: `nginx:2@sha256:${'a'.repeat(64)}` } },
    UpdateConfig: { FailureAction: 'rollback' },
  },
  Endpoint: { Ports: [{ PublishedPort: 8080, TargetPort: 80, Protocol: 'tcp', PublishMode: 'ingress' }, { TargetPort: 53, Protocol: 'udp', PublishMode: 'host' }] },
  ServiceStatus: { RunningTasks: 2, DesiredTasks: 3 },
  UpdateStatus: { State: 'updating', StartedAt: '2026-01-02T00:00:00Z', Message: 'update in progress' },
};

describe('service views', () => {
  it('maps a stack service with status, ports and digest-free image', () => {
    expect(toServiceRow(service, [task({}), task({ id: 't2', image: 'nginx:1' }), task({ id: 't3', state: 'starting' })])).toEqual({
      id: 's1', name: 'shop_web', mode: 'replicated', replicas: 3, running: 2, desired: 3, image: 'nginx:2', digest: `sha256:${'a'.repeat(64)}`, ports: ['8080:80/tcp', '53/udp (host)'], stack: 'shop',
      createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z',
      update: { state: 'updating', message: 'update in progress', startedAt: '2026-01-02T00:00:00Z', completedAt: null, updated: 1, total: 3, failureAction: 'rollback' },
      convergence: { state: 'converging', errors: [] },
    });
  });

  it("judges convergence from the service's own tasks: a rejected one since the last change makes it degraded, with its error", () => {
    const rejected = task({ id: 'r', state: 'rejected', desiredState: 'shutdown', error: 'No such image: nginx:2', updatedAt: '2026-01-03T00:00:00Z' });
    const elsewhere = task({ id: 'x', serviceId: 'other', state: 'failed', desiredState: 'shutdown', error: 'boom', updatedAt: '2026-01-03T00:00:00Z' });
    expect(toServiceRow(service, [task({}), rejected, elsewhere]).convergence).toEqual({ state: 'degraded', errors: [{ service: 'shop_web', error: 'No such image: nginx:2' }] });
    expect(toServiceRow({ ...service, ServiceStatus: { RunningTasks: 0, DesiredTasks: 3 } }, [rejected]).convergence.state).toBe('failed');
    expect(toServiceRow({ ...service, ServiceStatus: { RunningTasks: 3, DesiredTasks: 3 } }, [rejected]).convergence.state).toBe('running');
  });

  it('recognises global and job modes and services outside stacks', () => {
    expect(toServiceRow({ ID: 'g', Spec: { Name: 'agent', Mode: { Global: {} } } })).toMatchObject({ mode: 'global', replicas: null, stack: null, update: null, ports: [] });
    expect(toServiceRow({ ID: 'j', Spec: { Name: 'job', Mode: { ReplicatedJob: {} } } }).mode).toBe('replicated-job');
  });

  it('counts only running tasks of the current image that are meant to run', () => {
    const tasks = [task({}), task({ id: 'b', desiredState: 'shutdown' }), task({ id: 'c', serviceId: 'other' }), task({ id: 'd', state: 'failed' })];
    expect(updateProgress(service, tasks)?.updated).toBe(1);
    expect(updateProgress({ ...service, UpdateStatus: undefined }, tasks)).toBeNull();
  });

  it('formats ports and strips digests', () => {
    expect(formatPort({ TargetPort: 80 })).toBe('80/tcp');
    expect(stripDigest(`a/b:1@sha256:${'f'.repeat(64)}`)).toBe('a/b:1');
    expect(stripDigest('a/b:1@sha256:short')).toBe('a/b:1@sha256:short');
  });

  it('answers the digest a service is pinned to, or null when it runs its tag', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(pinnedDigest(`10.99.0.1:5005/lab/app:1.0@${digest}`)).toBe(digest);
    expect(toServiceRow({ ID: 's1', Spec: { Name: 'app', TaskTemplate: { ContainerSpec: { Image: `lab/app:1.0@${digest}` } } } })).toMatchObject({ image: 'lab/app:1.0', digest });
    expect(pinnedDigest('lab/app:1.0')).toBeNull();
    expect(pinnedDigest('lab/app:1.0@sha256:short')).toBeNull();
  });
});

describe('41. service environment, masked like a container\'s', () => {
  const spec = { Name: 'api', Labels: { team: 'a' }, TaskTemplate: { ContainerSpec: { Image: 'x', Env: ['DB_PASSWORD=s3cret', 'MODE=a=b', 'BARE'] } } };
  it('masks every value in the spec, names kept, and leaves the rest alone', () => {
    const masked = maskServiceSpec(spec);
    expect(JSON.stringify(masked)).not.toContain('s3cret');
    expect(JSON.stringify(masked)).not.toContain('a=b');
    expect(masked).toEqual({ ...spec, TaskTemplate: { ContainerSpec: { Image: 'x', Env: ['DB_PASSWORD=••••••', 'MODE=••••••', 'BARE=••••••'] } } });
    expect(spec.TaskTemplate.ContainerSpec.Env[0]).toBe('DB_PASSWORD=s3cret');
  });
  it('lists names, and values only when revealed', () => {
    expect(serviceEnv(spec, false)).toEqual([{ name: 'DB_PASSWORD', value: null }, { name: 'MODE', value: null }, { name: 'BARE', value: null }]);
    expect(serviceEnv(spec, true)).toEqual([{ name: 'DB_PASSWORD', value: 's3cret' }, { name: 'MODE', value: 'a=b' }, { name: 'BARE', value: '' }]);
  });
  it('a spec without environment, or junk, passes through', () => {
    expect(maskServiceSpec({ Name: 'x' })).toEqual({ Name: 'x' });
    expect(maskServiceSpec(null)).toBeNull();
    expect(serviceEnv(null, true)).toEqual([]);
  });
});
