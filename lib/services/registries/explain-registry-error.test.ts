import { describe, expect, it } from 'vitest';
import { toErrorPayload } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { explainRegistryError } from './explain-registry-error.ts';
import { RegistryError } from './registry-client.ts';

const sys = (code: string) => Object.assign(new Error(`connect ${code}`), { code, where: 'registry.lab:5000' });

describe('registry failures', () => {
  it('a refused password is said on the secret field, in each language', () => {
    const error = explainRegistryError(new RegistryError('credentials', msg('registryText.client.basicRefused', { where: 'registry.lab:5000' })), 'registry.lab:5000');
    expect(error.message).toBe('registry.lab:5000 refused the user name and password.');
    expect(toErrorPayload(error, 'en')).toMatchObject({ code: 'PRECONDITION', message: 'registry.lab:5000 refused the user name and password.', fieldErrors: { secret: ['registry.lab:5000 refused the user name and password.'] } });
    expect(toErrorPayload(error, 'zh-CN')).toMatchObject({ message: 'registry.lab:5000 拒绝了用户名和密码。', fieldErrors: { secret: ['registry.lab:5000 拒绝了用户名和密码。'] } });
  });

  it('an address nothing answers at is said on the address field; an untrusted certificate on the CA field', () => {
    const refused = explainRegistryError(new RegistryError('address', 'connect ECONNREFUSED', { cause: sys('ECONNREFUSED') }), 'registry.lab:5000');
    expect(toErrorPayload(refused, 'en')).toMatchObject({ message: 'The registry cannot be reached: Nothing answers at registry.lab:5000: the server is down, or the address or port is wrong.', fieldErrors: { address: [expect.stringMatching(/^The registry cannot be reached/)] } });
    expect(toErrorPayload(refused, 'zh-CN').message).toBe('无法连接镜像仓库：registry.lab:5000 没有响应：服务器已停止，或地址或端口有误。');
    const untrusted = explainRegistryError(new RegistryError('address', 'self-signed', { cause: sys('SELF_SIGNED_CERT_IN_CHAIN') }), 'registry.lab:5000');
    expect(Object.keys(toErrorPayload(untrusted, 'zh-CN').fieldErrors ?? {})).toEqual(['caCert']);
    expect(toErrorPayload(untrusted, 'zh-CN').message).toContain('TLS 证书不受信任（SELF_SIGNED_CERT_IN_CHAIN）');
  });

  it('a transport failure it cannot explain quotes the error as it is', () => {
    const odd = explainRegistryError(new RegistryError('address', 'socket hang up', { cause: new Error('socket hang up') }), 'registry.lab:5000');
    expect(toErrorPayload(odd, 'zh-CN').message).toBe('无法连接镜像仓库：socket hang up');
    expect(toErrorPayload(explainRegistryError(new Error('boom'), 'registry.lab:5000'), 'en').message).toBe('The registry at registry.lab:5000 could not be used: boom.');
  });
});
