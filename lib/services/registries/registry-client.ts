// The registry HTTP API v2 for Wharf: ping with the auth challenge (Basic, or Bearer with its realm,
// service and scope, the flow Docker Hub, Harbor, GitHub, GitLab and Quay use), the catalog and tag
// lists with Link pagination, manifests (images and image indexes), configs, delete by digest and
// manifest PUT (retag). Every failure is a RegistryError naming the part that failed, which the
// services turn into a sentence on the right field. Transport: registry-http.ts (address guard,
// redirects without credentials to other origins).
import 'server-only';
import { createHash } from 'node:crypto';
import { parseChallenge, type Challenge } from '@/lib/models/registries/www-authenticate.ts';
import { nextPageMarker } from '@/lib/models/registries/link-header.ts';
import type { ManifestDocument } from '@/lib/models/registries/registry-views.ts';
import { msg, type Message, type MessageKey, type MessageValues } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { registryHttp, type RegistryHttpAnswer, type RegistryHttpRequest } from './registry-http.ts';

/** Which part of talking to a registry failed. */
export type RegistryFailure =
  | 'address' // nothing answers, a refused address, TLS
  | 'not-registry' // something answers, but not the v2 API (HTML, 404 on /v2/)
  | 'credentials' // the registry refused the user name and password (basic)
  | 'token' // the token service refused the credentials (bearer)
  | 'denied' // the credentials may not do this
  | 'not-found'
  | 'deletes-off'
  | 'invalid'; // the registry answered something Wharf cannot read

export class RegistryError extends Error {
  /** What went wrong, in no language yet (a transport failure's own text as it is); `message` keeps its English. */
  readonly said: Message | string;
  constructor(
    readonly failure: RegistryFailure,
    said: Message | string,
    options: { cause?: unknown } = {},
  ) {
    super(typeof said === 'string' ? said : renderMessage(said, 'en'), options);
    this.name = 'RegistryError';
    this.said = said;
  }
}

export type RegistryAccess = {
  /** Where the API answers, e.g. https://ghcr.io or http://10.99.0.1:5005 */
  base: URL;
  ca: string | null;
  username: string | null;
  secret: string | null;
};

export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

type Send = (req: RegistryHttpRequest) => Promise<RegistryHttpAnswer>;

export type Manifest = { digest: string; contentType: string; raw: Buffer; doc: ManifestDocument };

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

const errorsOf = (body: Buffer): string => {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errors?: { code?: string; message?: string }[] };
    return (parsed.errors ?? []).map((e) => e.code ?? e.message ?? '').join(', ');
  } catch {
    return '';
  }
};

const isHtml = (answer: RegistryHttpAnswer) => /text\/html/i.test(String(answer.headers['content-type'] ?? '')) && !answer.headers['docker-distribution-api-version'];

export class RegistryClient {
  /** Authorization headers by scope (a token per scope for bearer registries; one Basic header for all). */
  private readonly auth = new Map<string, string>();
  private basic: string | null = null;

  constructor(
    private readonly access: RegistryAccess,
    private readonly send: Send = registryHttp,
  ) {}

  private get where(): string {
    return this.access.base.host;
  }

  private basicHeader(): string | null {
    const { username, secret } = this.access;
    return username || secret ? 'Basic ' + Buffer.from(`${username ?? ''}:${secret ?? ''}`).toString('base64') : null;
  }

  /** A bearer token from the challenge's realm for `scope` (the challenge's own scope when it names one). */
  private async token(challenge: Challenge, scope: string | null): Promise<string> {
    const realm = challenge.params.realm;
    if (!realm) throw new RegistryError('invalid', msg('registryText.client.noRealm', { where: this.where }));
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw new RegistryError('invalid', msg('registryText.client.realmNotUrl', { where: this.where, realm }));
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.access.base.protocol === 'http:')) {
      throw new RegistryError('invalid', msg('registryText.client.realmPlainHttp', { where: this.where, host: url.host }));
    }
    if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
    const wanted = challenge.params.scope ?? scope;
    if (wanted) for (const s of wanted.split(' ')) url.searchParams.append('scope', s);
    if (this.access.username) url.searchParams.set('account', this.access.username);
    const basic = this.basicHeader();
    const answer = await this.exchange({ url, headers: { Accept: 'application/json', ...(basic ? { Authorization: basic } : {}) }, ca: this.access.ca, maxBytes: 1024 * 1024 }, url.host);
    if (answer.status === 401 || answer.status === 403) {
      throw new RegistryError('token', msg(basic ? 'registryText.client.tokenRefused' : 'registryText.client.tokenWanted', { host: url.host }));
    }
    if (answer.status !== 200) throw new RegistryError('invalid', msg('registryText.client.tokenStatus', { host: url.host, status: String(answer.status) }));
    try {
      const parsed = JSON.parse(answer.body.toString('utf8')) as { token?: string; access_token?: string };
      const token = parsed.token ?? parsed.access_token;
      if (!token) throw new Error('no token');
      return token;
    } catch {
      throw new RegistryError('invalid', msg('registryText.client.noToken', { host: url.host }));
    }
  }

  private async exchange(req: RegistryHttpRequest, where = this.where): Promise<RegistryHttpAnswer> {
    try {
      return await this.send(req);
    } catch (error) {
      if (error instanceof RegistryError) throw error;
      throw new RegistryError('address', (error as Error).message, { cause: Object.assign(error as Error, { where }) });
    }
  }

  /**
   * One API call: sent with what is known of the auth for `scope`, answered to a 401 challenge
   * once (Basic credentials, or a token for the scope), then judged by the caller.
   */
  async call(method: RegistryHttpRequest['method'], path: string, scope: string | null, extra: Omit<RegistryHttpRequest, 'url' | 'method' | 'ca'> = {}): Promise<RegistryHttpAnswer> {
    const url = new URL(path, this.access.base);
    const key = scope ?? '';
    const go = (authorization: string | null | undefined) =>
      this.exchange({ ...extra, method, url, ca: this.access.ca, headers: { ...(extra.headers ?? {}), ...(authorization ? { Authorization: authorization } : {}) } });
    let answer = await go(this.auth.get(key) ?? this.basic);
    if (answer.status !== 401) return answer;
    const challenge = parseChallenge(String(answer.headers['www-authenticate'] ?? ''));
    if (!challenge) {
      if (isHtml(answer)) throw new RegistryError('not-registry', msg('registryText.client.webPage', { where: this.where }));
      throw new RegistryError('invalid', msg('registryText.client.noChallenge', { where: this.where }));
    }
    if (challenge.scheme === 'basic') {
      this.basic = this.basicHeader();
      if (!this.basic) throw new RegistryError('credentials', msg('registryText.client.wantsBasic', { where: this.where }));
      answer = await go(this.basic);
      if (answer.status === 401) throw new RegistryError('credentials', msg('registryText.client.basicRefused', { where: this.where }));
      return answer;
    }
    if (challenge.scheme === 'bearer') {
      if (challenge.params.error === 'insufficient_scope' && this.auth.has(key)) return answer;
      const authorization = `Bearer ${await this.token(challenge, scope)}`;
      this.auth.set(key, authorization);
      return go(authorization);
    }
    throw new RegistryError('invalid', msg('registryText.client.unknownScheme', { where: this.where }));
  }

  /** GET /v2/: the address speaks the v2 API and the credentials are accepted (what `docker login` checks). */
  async ping(): Promise<void> {
    const answer = await this.call('GET', '/v2/', null);
    if (answer.status === 200) {
      if (isHtml(answer)) throw new RegistryError('not-registry', msg('registryText.client.webPage', { where: this.where }));
      return;
    }
    if (answer.status === 401) throw new RegistryError(this.basic ? 'credentials' : 'token', msg('registryText.client.credentialsRefused', { where: this.where }));
    if (isHtml(answer) || answer.status === 404) throw new RegistryError('not-registry', msg('registryText.client.notV2', { where: this.where, status: String(answer.status) }));
    throw new RegistryError('invalid', msg('registryText.client.v2Status', { where: this.where, status: String(answer.status) }));
  }

  /** `what`: what was asked for ("the catalog", "delete repo@sha256:…"); `verb`: how the credentials were using it. */
  private judge(answer: RegistryHttpAnswer, what: Message, verb: 'read' | 'delete' | 'push' = 'read'): void {
    if (answer.status >= 200 && answer.status < 300) return;
    const codes = errorsOf(answer.body);
    const withCodes = (plain: MessageKey, coded: MessageKey, values: MessageValues) => (codes ? msg(coded, { ...values, codes }) : msg(plain, values));
    if (answer.status === 404) throw new RegistryError('not-found', withCodes('registryText.client.notFound', 'registryText.client.notFoundCodes', { what }));
    if (answer.status === 401 || answer.status === 403) {
      const action = verb === 'read' ? msg('registryText.what.read', { what }) : what;
      throw new RegistryError('denied', withCodes('registryText.client.mayNot', 'registryText.client.mayNotCodes', { action }));
    }
    if (answer.status === 405 || codes.includes('UNSUPPORTED')) throw new RegistryError('deletes-off', msg('registryText.client.deletesOff'));
    throw new RegistryError('invalid', withCodes('registryText.client.answered', 'registryText.client.answeredCodes', { status: String(answer.status), what }));
  }

  private json<T>(answer: RegistryHttpAnswer, what: Message): T {
    try {
      return JSON.parse(answer.body.toString('utf8')) as T;
    } catch {
      throw new RegistryError(isHtml(answer) ? 'not-registry' : 'invalid', msg('registryText.client.notJson', { what }));
    }
  }

  /** A page of the catalog: repository names after `last`, and the marker of the next page. */
  async catalog(n: number, last: string | null): Promise<{ repositories: string[]; next: string | null }> {
    const qs = new URLSearchParams({ n: String(n), ...(last ? { last } : {}) });
    const answer = await this.call('GET', `/v2/_catalog?${qs}`, 'registry:catalog:*');
    this.judge(answer, msg('registryText.what.catalog'));
    const body = this.json<{ repositories?: string[] | null }>(answer, msg('registryText.what.catalog'));
    return { repositories: body.repositories ?? [], next: nextPageMarker(String(answer.headers.link ?? '')) };
  }

  /** A page of a repository's tags (a repository whose tags were all deleted has none). */
  async tags(repository: string, n: number, last: string | null): Promise<{ tags: string[]; next: string | null }> {
    const qs = new URLSearchParams({ n: String(n), ...(last ? { last } : {}) });
    const answer = await this.call('GET', `/v2/${repository}/tags/list?${qs}`, `repository:${repository}:pull`);
    this.judge(answer, msg('registryText.what.repository', { name: repository }));
    const body = this.json<{ tags?: string[] | null }>(answer, msg('registryText.what.tags', { name: repository }));
    return { tags: body.tags ?? [], next: nextPageMarker(String(answer.headers.link ?? '')) };
  }

  async manifest(repository: string, reference: string): Promise<Manifest> {
    const answer = await this.call('GET', `/v2/${repository}/manifests/${reference}`, `repository:${repository}:pull`, { headers: { Accept: MANIFEST_ACCEPT } });
    this.judge(answer, msg('registryText.what.reference', { reference: `${repository}:${reference}` }));
    const doc = this.json<ManifestDocument>(answer, msg('registryText.what.reference', { reference: `${repository}:${reference}` }));
    const digest = String(answer.headers['docker-content-digest'] ?? '') || sha256(answer.body);
    return { digest, contentType: String(answer.headers['content-type'] ?? doc.mediaType ?? ''), raw: answer.body, doc };
  }

  /** The digest a tag points at now (a HEAD request, as cheap as the API allows). */
  async digestOf(repository: string, reference: string): Promise<string> {
    const answer = await this.call('HEAD', `/v2/${repository}/manifests/${reference}`, `repository:${repository}:pull`, { headers: { Accept: MANIFEST_ACCEPT } });
    this.judge(answer, msg('registryText.what.reference', { reference: `${repository}:${reference}` }));
    const digest = String(answer.headers['docker-content-digest'] ?? '');
    return digest || (await this.manifest(repository, reference)).digest;
  }

  async blobJson<T>(repository: string, digest: string): Promise<T> {
    const answer = await this.call('GET', `/v2/${repository}/blobs/${digest}`, `repository:${repository}:pull`, { maxBytes: 4 * 1024 * 1024 });
    this.judge(answer, msg('registryText.what.blob', { digest }));
    return this.json<T>(answer, msg('registryText.what.blob', { digest }));
  }

  /** Deletes a manifest by digest (every tag pointing at it goes with it). */
  async deleteManifest(repository: string, digest: string): Promise<void> {
    const answer = await this.call('DELETE', `/v2/${repository}/manifests/${digest}`, `repository:${repository}:delete`);
    this.judge(answer, msg('registryText.what.delete', { reference: `${repository}@${digest}` }), 'delete');
  }

  /** Puts a manifest under a tag (a retag: the same bytes under another name). */
  async putManifest(repository: string, tag: string, manifest: Pick<Manifest, 'raw' | 'contentType'>): Promise<string> {
    const answer = await this.call('PUT', `/v2/${repository}/manifests/${tag}`, `repository:${repository}:pull,push`, { body: manifest.raw, headers: { 'Content-Type': manifest.contentType } });
    this.judge(answer, msg('registryText.what.push', { reference: `${repository}:${tag}` }), 'push');
    return String(answer.headers['docker-content-digest'] ?? '') || sha256(manifest.raw);
  }
}
