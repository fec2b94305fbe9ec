// The user data a new droplet boots with: a #cloud-config that installs Docker with the
// distribution's own package manager and enables the daemon. It deliberately leaves the daemon on
// its default local socket: Wharf configures TLS on port 2376 over SSH afterwards, as for the
// generic driver (that step can wait for this one with `cloud-init status --wait`).
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import { Document, isScalar, isSeq } from 'yaml';
import { AppError } from '@/lib/errors.ts';
import { packageFamilyOf } from './summarize-catalogue.ts';

/** Docker's own RPM repository for the RHEL family (CentOS Stream, Rocky Linux, AlmaLinux). */
export const DOCKER_CE_EL_REPO = 'https://download.docker.com/linux/centos/docker-ce.repo';

const ENABLE_DOCKER = ['systemctl', 'enable', '--now', 'docker'];

/** #cloud-config for a droplet of this distribution (the image's `distribution`, e.g. "Ubuntu", "Rocky Linux"). */
export function dockerUserData(image: { distribution: string }): string {
  const family = packageFamilyOf(image.distribution);
  if (!family) {
    throw new AppError('INVALID_INPUT', msg('driverText.do.unsupportedImage', { image: image.distribution || msg('driverText.do.thatImage') }));
  }
  let config: Record<string, unknown>;
  if (family === 'apt') {
    config = {
      package_update: true,
      packages: ['docker.io'],
      runcmd: [ENABLE_DOCKER],
    };
  } else if (/^fedora/i.test(image.distribution.trim())) {
    config = {
      runcmd: [['dnf', '-y', 'install', 'moby-engine'], ENABLE_DOCKER],
    };
  } else {
    config = {
      runcmd: [
        ['dnf', '-y', 'install', 'dnf-plugins-core'],
        ['dnf', 'config-manager', '--add-repo', DOCKER_CE_EL_REPO],
        ['dnf', '-y', 'install', 'docker-ce', 'docker-ce-cli', 'containerd.io'],
        ENABLE_DOCKER,
      ],
    };
  }
  const document = new Document(config);
  const runcmd = document.get('runcmd');
  // Each runcmd entry is an argv list (run without a shell); written inline, one command a line,
  // with URLs quoted so older YAML 1.1 parsers read them as one word too.
  if (isSeq(runcmd)) {
    for (const command of runcmd.items) {
      if (!isSeq(command)) continue;
      command.flow = true;
      for (const word of command.items) if (isScalar(word) && String(word.value).includes(':')) word.type = 'QUOTE_DOUBLE';
    }
  }
  return `#cloud-config\n${document.toString({ lineWidth: 0 })}`;
}
