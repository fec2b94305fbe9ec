import { describe, expect, it } from 'vitest';
import { DeliveryTimeout, explainDeliveryError, HttpStatusError } from './explain-delivery-error.ts';

const coded = (code: string, message = '') => Object.assign(new Error(message), { code });

describe('delivery errors as sentences', () => {
  it('names an unreachable address', () => {
    expect(explainDeliveryError(coded('ECONNREFUSED'), 'syslog 127.0.0.1:6514')).toBe(
      'Nothing is listening at syslog 127.0.0.1:6514 (connection refused). Check the address and port, and that the receiver runs.',
    );
    expect(explainDeliveryError(coded('ENOTFOUND'), 'https://nowhere.invalid/')).toMatch(/could not be resolved/);
    expect(explainDeliveryError(new DeliveryTimeout(10_000), 'x')).toMatch(/within 10 s/);
    // The address guard's refusal is already a sentence: said as it is, not wrapped.
    const refused = coded('WHARF_REFUSED_ADDRESS', 'Wharf does not connect to 169.254.169.254: it is a link-local address.');
    expect(explainDeliveryError(refused, 'http://169.254.169.254/')).toBe('Wharf does not connect to 169.254.169.254: it is a link-local address.');
  });

  it('names a TLS failure', () => {
    expect(explainDeliveryError(coded('SELF_SIGNED_CERT_IN_CHAIN'), 'syslog h:1')).toMatch(/^TLS failed: the certificate of syslog h:1 is not signed by the CA you gave/);
    expect(explainDeliveryError(coded('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'), 'syslog h:1')).toMatch(/^TLS failed with syslog h:1: wrong version number/);
  });

  it('names an HTTP status and what to check', () => {
    expect(explainDeliveryError(new HttpStatusError(401, 'Unauthorized'), 'https://siem/')).toBe('https://siem/ answered HTTP 401 Unauthorized: check the bearer secret.');
    expect(explainDeliveryError(new HttpStatusError(503, ''), 'https://siem/')).toMatch(/HTTP 503: the endpoint failed; Wharf keeps retrying/);
  });
});
