import { describe, expect, it } from 'vitest';
import { registryFormSchema } from './registries.ts';

const form = (address: string, more: Record<string, unknown> = {}) => registryFormSchema.safeParse({ name: 'r', kind: 'v2-bearer', address, ...more });
const addressError = (address: string) => {
  const parsed = form(address);
  return parsed.success ? null : parsed.error.issues.find((i) => i.path[0] === 'address')?.message ?? null;
};

describe('registryFormSchema', () => {
  it('takes a host, with a port, an IPv4 or a bracketed IPv6 address, lowercased', () => {
    for (const address of ['ghcr.io', 'Registry.Example.com:5000', '10.99.0.1:5005', '[fd00::1]:5000']) expect(form(address).success).toBe(true);
    expect(form('Registry.Example.com:5000').data?.address).toBe('registry.example.com:5000');
  });

  it('case 20: refuses schemes (file:// included), paths, credentials and junk in the address', () => {
    expect(addressError('file:///etc/passwd')).toMatch(/^Enter the address without http:\/\/ or https:\/\//);
    expect(addressError('https://ghcr.io')).toMatch(/^Enter the address without/);
    for (const bad of ['user:pass@ghcr.io', 'ghcr.io/path', 'a b', 'ghcr.io:99999', '-bad.example']) expect(addressError(bad)).not.toBeNull();
  });

  it('needs an address except for Docker Hub, a user name for basic auth and with any secret', () => {
    expect(addressError('')).toBe("Enter the registry's address (host, and port if needed).");
    expect(registryFormSchema.safeParse({ name: 'hub', kind: 'dockerhub' }).success).toBe(true);
    expect(registryFormSchema.safeParse({ name: 'hub', kind: 'dockerhub', plainHttp: true }).success).toBe(false);
    expect(registryFormSchema.safeParse({ name: 'b', kind: 'v2-basic', address: 'r.example' }).success).toBe(false);
    expect(registryFormSchema.safeParse({ name: 'b', kind: 'v2-bearer', address: 'r.example', secret: 's' }).success).toBe(false);
  });

  it('takes only a PEM certificate as the CA', () => {
    expect(form('r.example', { caCert: 'not a cert' }).success).toBe(false);
    expect(form('r.example', { caCert: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' }).success).toBe(true);
  });

  it('takes Amazon ECR with a region and an access key id, and no address (ECR gives it)', () => {
    const ecr = (more: Record<string, unknown>) => registryFormSchema.safeParse({ name: 'e', kind: 'ecr', region: 'eu-west-1', username: 'AKIAIOSFODNN7EXAMPLE', secret: 's', ...more });
    expect(ecr({}).success).toBe(true);
    expect(ecr({ region: 'EU-West-1' }).data?.region).toBe('eu-west-1');
    const fields = (more: Record<string, unknown>) => { const parsed = ecr(more); return parsed.success ? [] : parsed.error.issues.map((i) => i.path[0]); };
    expect(fields({ region: '' })).toEqual(['region']);
    expect(fields({ region: 'mars' })).toEqual(['region']);
    expect(fields({ username: 'not a key' })).toEqual(['username']);
  });
});
