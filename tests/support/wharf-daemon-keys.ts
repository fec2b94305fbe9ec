// What a provisioned machine's daemon.json must say, as the tests expect it (written out here, not
// read from the code under test): docker's own socket plus TLS on 2376 with client certificates
// required, from the files Wharf puts in /etc/docker/wharf.
export const WHARF_DAEMON_KEYS = {
  hosts: ['unix:///var/run/docker.sock', 'tcp://0.0.0.0:2376'],
  tls: true,
  tlsverify: true,
  tlscacert: '/etc/docker/wharf/ca.pem',
  tlscert: '/etc/docker/wharf/server-cert.pem',
  tlskey: '/etc/docker/wharf/server-key.pem',
};
