// The lab's stand-in for Amazon ECR's API (ECR cannot be reached from here): the documented
// GetAuthorizationToken action (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_GetAuthorizationToken.html)
// on a plain-HTTP port, started by scripts/lab/ecr-registry.ts with a JSON config file as its only
// argument. A JSON POST (application/x-amz-json-1.1) with X-Amz-Target
// AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken, signed with Signature Version 4, is
// checked as AWS checks it: an unknown access key id answers UnrecognizedClientException, a
// signature made with another secret key or for another region InvalidSignatureException (the
// errors' documented types and words). A good request answers authorizationData with a token
// (base64 of AWS:<password>), its expiry and the proxy endpoint: the lab's htpasswd registry, where
// the user AWS has that password. The signature is recomputed with @smithy/signature-v4, the
// signer the AWS SDK itself uses; nothing of SigV4 is hand-rolled.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';

export type EcrStandinConfig = {
  host: string;
  port: number;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Where the token is good: the registry's URL (scheme, host, port). */
  proxyEndpoint: string;
  /** The password of the user AWS at the proxy endpoint. */
  password: string;
  /** How long a token lasts (ECR: 12 hours). */
  tokenSeconds: number;
};

export const ECR_TARGET = 'AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken';

const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as EcrStandinConfig;

/** The hash the signer is given (what @aws-crypto/sha256-js is to the SDK), from node:crypto. */
type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData): string | Buffer => (typeof data === 'string' ? data : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data));
class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

type AwsError = { status: number; type: string; message: string };

function answerError(res: http.ServerResponse, error: AwsError): void {
  res.writeHead(error.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': error.type, 'x-amzn-requestid': crypto.randomUUID() });
  res.end(JSON.stringify({ __type: error.type, message: error.message }));
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** `AWS4-HMAC-SHA256 Credential=AKID/20261206/us-east-1/ecr/aws4_request, SignedHeaders=a;b, Signature=hex` */
function parseAuthorization(header: string | undefined) {
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(header ?? '');
  return m ? { accessKeyId: m[1], date: m[2], region: m[3], service: m[4], signedHeaders: m[5].split(';'), signature: m[6] } : null;
}

/** Null when the request is signed by the configured key pair for the configured region; otherwise the error AWS answers. */
async function judgeSignature(req: http.IncomingMessage, body: Buffer): Promise<AwsError | null> {
  const auth = parseAuthorization(req.headers.authorization);
  if (!auth) return { status: 400, type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
  if (auth.accessKeyId !== config.accessKeyId) return { status: 400, type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
  if (auth.region !== config.region) {
    return { status: 403, type: 'InvalidSignatureException', message: `Credential should be scoped to a valid region, not '${auth.region}'. ` };
  }
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return { status: 400, type: 'IncompleteSignatureException', message: 'Date must be in ISO-8601 basic format.' };
  const signingDate = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) headers[name] = String(req.headers[name] ?? '');
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  const signer = new SignatureV4({ credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }, region: auth.region, service: auth.service, sha256: Sha256 });
  const signed = await signer.sign(
    { method: req.method ?? 'POST', protocol: 'http:', hostname: url.hostname, port: url.port ? Number(url.port) : undefined, path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body: body.toString('utf8') },
    { signingDate },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? signed.headers.Authorization ?? ''))?.[1] ?? '';
  if (!same(expected, auth.signature)) {
    return {
      status: 403,
      type: 'InvalidSignatureException',
      message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    };
  }
  return null;
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    void (async () => {
      const body = Buffer.concat(chunks);
      if (req.method !== 'POST' || (req.url ?? '/') !== '/') return answerError(res, { status: 404, type: 'UnknownOperationException', message: '' });
      const refused = await judgeSignature(req, body);
      if (refused) return answerError(res, refused);
      if (req.headers['x-amz-target'] !== ECR_TARGET) return answerError(res, { status: 400, type: 'UnknownOperationException', message: '' });
      const expiresAt = Math.floor(Date.now() / 1000) + config.tokenSeconds;
      const authorizationToken = Buffer.from(`AWS:${config.password}`).toString('base64');
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': crypto.randomUUID() });
      res.end(JSON.stringify({ authorizationData: [{ authorizationToken, expiresAt, proxyEndpoint: config.proxyEndpoint }] }));
    })().catch((error: unknown) => answerError(res, { status: 500, type: 'ServerException', message: String(error) }));
  });
});

server.listen(config.port, config.host, () => console.log(`ECR stand-in listening on http://${config.host}:${config.port}/`));
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => server.close(() => process.exit(0)));
