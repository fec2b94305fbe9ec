import { describe, expect, it } from 'vitest';
import { DOCKER_HUB_AUTH_ADDRESS, engineAuthOf } from './engine-auth.ts';

describe('engineAuthOf', () => {
  it('gives a v2 registry its user, secret and address as the engine keys them', () => {
    expect(engineAuthOf({ kind: 'v2-basic', address: '10.99.0.1:5005' }, { username: 'lab', secret: 's3cret' })).toEqual({ username: 'lab', password: 's3cret', serveraddress: '10.99.0.1:5005' });
    expect(engineAuthOf({ kind: 'v2-bearer', address: 'ghcr.io' }, { username: 'me', secret: 'ghp_x' })).toEqual({ username: 'me', password: 'ghp_x', serveraddress: 'ghcr.io' });
  });

  it('keys Docker Hub by the address docker login writes', () => {
    expect(engineAuthOf({ kind: 'dockerhub', address: 'docker.io' }, { username: 'me', secret: 'dckr_pat' })).toEqual({ username: 'me', password: 'dckr_pat', serveraddress: DOCKER_HUB_AUTH_ADDRESS });
  });

  it('gives ECR the login its token carries (AWS and the password), keyed by the registry address', () => {
    expect(engineAuthOf({ kind: 'ecr', address: '123456789012.dkr.ecr.eu-west-1.amazonaws.com' }, { username: 'AWS', secret: 'tok' })).toEqual({ username: 'AWS', password: 'tok', serveraddress: '123456789012.dkr.ecr.eu-west-1.amazonaws.com' });
  });

  it('has nothing to give for anonymous access', () => {
    expect(engineAuthOf({ kind: 'v2-basic', address: 'r.example' }, { username: null, secret: 'x' })).toBeNull();
    expect(engineAuthOf({ kind: 'v2-basic', address: 'r.example' }, { username: 'u', secret: null })).toBeNull();
    expect(engineAuthOf({ kind: 'v2-basic', address: 'r.example' }, { username: 'u', secret: '' })).toBeNull();
  });
});
