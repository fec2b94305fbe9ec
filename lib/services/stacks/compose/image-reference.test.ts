// Image references: what the CLI accepts, and what it puts in ContainerSpec.Image (checked against
// docker stack deploy 28.2 and a fake engine).
import { describe, expect, it } from 'vitest';
import { inEnglish } from '@/lib/i18n/in-english.ts';
import { checkImageReference, imageForSpec } from '@/lib/services/stacks/compose/image-reference.ts';

const DIGEST = 'sha256:0123456789012345678901234567890123456789012345678901234567890123';

describe('imageForSpec', () => {
  it.each([
    ['mysql', 'mysql:latest'],
    ['nginx:1.25', 'nginx:1.25'],
    ['local/busybox:latest', 'local/busybox:latest'],
    ['russmckendrick/cluster', 'russmckendrick/cluster:latest'],
    ['docker.io/x', 'x:latest'],
    ['docker.io/library/redis', 'redis:latest'],
    ['index.docker.io/user/img:tag', 'user/img:tag'],
    ['localhost:5000/foo', 'localhost:5000/foo:latest'],
    ['localhost/x', 'localhost/x:latest'],
    ['Localhost/x', 'Localhost/x:latest'],
    ['Example.com:5000/team/app', 'Example.com:5000/team/app:latest'],
    ['ghcr.io/org/img', 'ghcr.io/org/img:latest'],
    ['foo_bar/x:1', 'foo_bar/x:1'],
    ['a__b--c.d', 'a__b--c.d:latest'],
    ['[::1]:5000/x', '[::1]:5000/x:latest'],
    [`docker.io/library/redis@${DIGEST}`, `redis@${DIGEST}`],
    [`a:b@${DIGEST}`, `a:b@${DIGEST}`],
    // A bare image ID is accepted and left alone.
    ['0123456789012345678901234567890123456789012345678901234567890123', '0123456789012345678901234567890123456789012345678901234567890123'],
  ])('%s → %s', (image, expected) => {
    expect(inEnglish(checkImageReference(image))).toBeNull();
    expect(imageForSpec(image)).toBe(expected);
  });
});

describe('checkImageReference (the CLI\'s words)', () => {
  it.each([
    ['', 'no image specified'],
    ['UPPER', 'invalid reference format: repository name (library/UPPER) must be lowercase'],
    ['Example.com/Team/App', 'invalid reference format: repository name (Team/App) must be lowercase'],
    ['a:b:c', 'invalid reference format'],
    ['a@sha256:xyz', 'invalid reference format'],
    ['a b', 'invalid reference format'],
    ['x:', 'invalid reference format'],
    ['/x', 'invalid reference format'],
    ['x//y', 'invalid reference format'],
    ['a@sha256:0123', 'invalid reference format'],
    [`x/${'a'.repeat(260)}`, 'repository name must not be more than 255 characters'],
  ])('%j: %s', (image, error) => {
    expect(inEnglish(checkImageReference(image))).toBe(error);
  });
});
