import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors.ts';
import { md5Fingerprint, parsePublicKeyLine } from './fingerprint-public-key.ts';

// Keys made with ssh-keygen; fingerprints as printed by `ssh-keygen -l -E md5 -f key.pub`.
const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPPI1G7OjJMK6t87CvLzG5VE40YpFFJXHC6zrGuIDck4 wharf-test';
const RSA =
  'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQCtd/zab2JQ4uljVBo2GP1p1mKPsJQca59oo1KAAjuikoYrcFqtVlsvaYfoahHBZmH8BCRy2UM4fu2Ym8xzZERBXR/DW+WrkgidOyV0QqN9DXvYMR5xyu4j9KBJlIONNEWlce2eK5QnPasGGg+UisgEqEfL2+dA88Qwb6XBxUZxHw== rsa-test';

describe('md5Fingerprint', () => {
  it('matches ssh-keygen for an ed25519 key', () => {
    expect(md5Fingerprint(ED25519)).toBe('4b:85:f9:22:f1:ce:95:89:69:6c:ba:9e:5a:2d:b7:63');
  });

  it('matches ssh-keygen for an RSA key', () => {
    expect(md5Fingerprint(RSA)).toBe('04:72:5f:6c:a2:f5:63:b3:ad:a3:17:3e:d1:9d:43:69');
  });

  it('ignores the comment and surrounding whitespace', () => {
    const [type, key] = ED25519.split(' ');
    expect(md5Fingerprint(`  ${type}\t${key}  \n`)).toBe(md5Fingerprint(ED25519));
    expect(md5Fingerprint(`${type} ${key} another comment`)).toBe(md5Fingerprint(ED25519));
  });
});

describe('parsePublicKeyLine', () => {
  it('normalises the line and keeps a multi-word comment', () => {
    const [type, key] = ED25519.split(' ');
    const parsed = parsePublicKeyLine(`${type}   ${key}  wharf  console `);
    expect(parsed).toMatchObject({ type: 'ssh-ed25519', comment: 'wharf console', line: `${type} ${key} wharf console` });
  });

  it.each([
    ['', 'key type'],
    ['ssh-ed25519', 'key type'],
    ['ssh-ed25519 not*base64', 'not base64'],
    [`ssh-rsa ${ED25519.split(' ')[1]}`, 'does not hold a ssh-rsa key'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----', 'PEM block'],
  ])('refuses %j', (line, why) => {
    expect(() => parsePublicKeyLine(line)).toThrow(AppError);
    expect(() => parsePublicKeyLine(line)).toThrow(why);
  });
});
