import { describe, expect, it } from 'vitest';
import { imageWithTag, isWebhookSecretShape, IMAGE_TAG } from './webhooks.ts';

describe('imageWithTag', () => {
  it('replaces the tag, keeping the repository and a registry with a port', () => {
    expect(imageWithTag('nginx:1.27', '1.28')).toBe('nginx:1.28');
    expect(imageWithTag('registry.local:5000/team/app:1', '2')).toBe('registry.local:5000/team/app:2');
  });
  it('adds a tag to an image without one, even behind a registry port', () => {
    expect(imageWithTag('nginx', 'stable')).toBe('nginx:stable');
    expect(imageWithTag('registry.local:5000/app', 'v3')).toBe('registry.local:5000/app:v3');
  });
  it('drops a pinned digest, which would otherwise win over the new tag', () => {
    expect(imageWithTag(`app:1@sha256:${'a'.repeat(64)}`, '2')).toBe('app:2');
  });
});

describe('the shapes a webhook call may take', () => {
  it('accepts tags the engine accepts, and nothing that could reach another repository', () => {
    for (const good of ['1.2.3', 'latest', 'v2_rc-1', '_x']) expect(IMAGE_TAG.test(good), good).toBe(true);
    for (const bad of ['', '-x', '.x', 'a/b', 'a:b', 'a@sha256', 'x'.repeat(129), 'a b']) expect(IMAGE_TAG.test(bad), bad).toBe(false);
  });
  it('knows a webhook secret by its prefix and length', () => {
    expect(isWebhookSecretShape(`wharf_hook_${'A'.repeat(43)}`)).toBe(true);
    expect(isWebhookSecretShape(`wharf_pat_${'A'.repeat(43)}`)).toBe(false);
    expect(isWebhookSecretShape(`wharf_hook_${'A'.repeat(42)}`)).toBe(false);
  });
});
