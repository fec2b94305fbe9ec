import { describe, expect, it } from 'vitest';
import { splitImageTag } from './image-tag.ts';

describe('splitImageTag', () => {
  it('keeps the tag apart from the repository', () => {
    expect(splitImageTag('local/busybox:latest')).toEqual({ repository: 'local/busybox', tag: ':latest' });
    expect(splitImageTag('local/busybox:v2')).toEqual({ repository: 'local/busybox', tag: ':v2' });
    expect(splitImageTag('nginx')).toEqual({ repository: 'nginx', tag: '' });
  });
  it('does not take a registry port for a tag', () => {
    expect(splitImageTag('10.99.0.1:5005/team/busybox')).toEqual({ repository: '10.99.0.1:5005/team/busybox', tag: '' });
    expect(splitImageTag('10.99.0.1:5005/team/busybox:1.0')).toEqual({ repository: '10.99.0.1:5005/team/busybox', tag: ':1.0' });
  });
  it('shortens a digest to 12 characters after the tag', () => {
    expect(splitImageTag(`nginx:1.27@sha256:${'ab'.repeat(32)}`)).toEqual({ repository: 'nginx', tag: `:1.27@${'ab'.repeat(6)}` });
    expect(splitImageTag(`nginx@sha256:${'cd'.repeat(32)}`)).toEqual({ repository: 'nginx', tag: `@${'cd'.repeat(6)}` });
  });
  it('leaves an image id alone', () => {
    expect(splitImageTag('sha256:0123456789ab')).toEqual({ repository: 'sha256', tag: ':0123456789ab' });
  });
});
