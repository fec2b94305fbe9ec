import { describe, expect, it } from 'vitest';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { msg } from '@/lib/i18n/message.ts';
import { holderOf, takenPort, upFailureMessage as upFailureSaid, waitVerdict as verdictSaid, type WaitState } from './up-failures.ts';

/** The verdict as an English reader sees it. */
function waitVerdict(...args: Parameters<typeof verdictSaid>): string {
  const verdict = verdictSaid(...args);
  return typeof verdict === 'string' ? verdict : renderMessage(verdict, 'en');
}
const upFailureMessage = (o: Parameters<typeof upFailureSaid>[0]) => renderMessage(upFailureSaid(o), 'en');

const state = (o: Partial<WaitState>): WaitState => ({ name: 'p-db-1', status: 'running', exitCode: 0, health: null, ...o });

describe('waitVerdict', () => {
  it('service_started: ready once a container exists', () => {
    expect(waitVerdict('db', 'service_started', [])).toBe('waiting');
    expect(waitVerdict('db', 'service_started', [state({})])).toBe('ready');
  });
  it('service_healthy: waits while starting, ready when every container is healthy, fails on unhealthy, exit or no health check', () => {
    expect(waitVerdict('db', 'service_healthy', [state({ health: 'starting' })])).toBe('waiting');
    expect(waitVerdict('db', 'service_healthy', [state({ health: 'healthy' }), state({ health: 'starting' })])).toBe('waiting');
    expect(waitVerdict('db', 'service_healthy', [state({ health: 'healthy' })])).toBe('ready');
    expect(waitVerdict('db', 'service_healthy', [state({ health: 'unhealthy' })])).toBe('Service db is unhealthy (p-db-1).');
    expect(waitVerdict('db', 'service_healthy', [state({ health: 'starting', status: 'exited', exitCode: 3 })])).toBe('Service db stopped before it became healthy (p-db-1 exited with code 3).');
    expect(waitVerdict('db', 'service_healthy', [state({})])).toContain('has no health check');
  });
  it('service_completed_successfully: ready when every container exited 0, fails on another code', () => {
    expect(waitVerdict('init', 'service_completed_successfully', [state({})])).toBe('waiting');
    expect(waitVerdict('init', 'service_completed_successfully', [state({ status: 'exited' })])).toBe('ready');
    expect(waitVerdict('init', 'service_completed_successfully', [state({ status: 'exited', exitCode: 2 })])).toBe('Service init did not complete successfully: p-db-1 exited with code 2.');
  });
});

describe('a taken port', () => {
  it('is read from either engine message', () => {
    expect(takenPort('driver failed programming external connectivity on endpoint shop-web-1 (abc): Bind for 0.0.0.0:8080 failed: port is already allocated')).toBe(8080);
    expect(takenPort('Error starting userland proxy: listen tcp4 0.0.0.0:9090: bind: address already in use')).toBe(9090);
    expect(takenPort('no such image')).toBeNull();
  });
  it('is held by the container publishing it', () => {
    const list = [{ Names: ['/a'], Ports: [{ PrivatePort: 80 }] }, { Names: ['/other-web-1'], Ports: [{ PrivatePort: 80, PublicPort: 8080 }] }];
    expect(holderOf(list, 8080)).toBe('other-web-1');
    expect(holderOf(list, 81)).toBeNull();
  });
});

describe('upFailureMessage', () => {
  it('names what this up left running', () => {
    expect(upFailureMessage({ host: 'lab-1', project: 'shop', code: 'PRECONDITION', message: 'Service db is unhealthy (shop-db-1).', started: ['shop-db-1'] })).toBe('Service db is unhealthy (shop-db-1). Left running from this up: shop-db-1.');
    expect(upFailureMessage({ host: 'lab-1', project: 'shop', code: 'CONFLICT', message: 'Port 80 is taken.', started: [] })).toBe('Port 80 is taken. Nothing was started by this up.');
  });
  it('a host gone mid-up: says so, what started, and that up continues from there', () => {
    expect(upFailureMessage({ host: 'lab-1', project: 'shop', code: 'ENGINE_UNREACHABLE', message: 'Could not start container shop-web-1 on lab-1: the engine does not answer.', started: ['shop-db-1'] })).toBe(
      'lab-1 stopped answering during up of project shop: Could not start container shop-web-1 on lab-1: the engine does not answer. Left running from this up: shop-db-1. Run up again when the host is back; it continues from there.',
    );
  });
});

describe('in Chinese', () => {
  it('says why up stopped and what it left, keeping names and the engine\'s words', () => {
    const unhealthy = verdictSaid('db', 'service_healthy', [state({ health: 'unhealthy' })]);
    expect(typeof unhealthy === 'string' ? unhealthy : renderMessage(unhealthy, 'zh-CN')).toBe('服务 db 不健康（p-db-1）。');
    const failed = upFailureSaid({ host: 'lab-1', project: 'shop', code: 'ENGINE_UNREACHABLE', message: msg('driverText.up.startFailed', { container: 'shop-web-1', service: 'web', host: 'lab-1', detail: 'no such image' }), started: ['shop-db-1'] });
    expect(renderMessage(failed, 'zh-CN')).toBe(
      '在启动项目 shop 期间，lab-1 停止了应答：服务 web 的容器 shop-web-1 无法在 lab-1 上启动：no such image本次启动留下仍在运行的容器：shop-db-1。主机恢复后请再次启动；将从中断处继续。',
    );
  });
});
