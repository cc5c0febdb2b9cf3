// A WebDAV server as a sync target (Nextcloud, ownCloud, Apache mod_dav, rclone serve
// webdav, ...). Credentials come from the environment (or the OS keychain through the
// caller), never from the archive or the remembered address. Plain HTTP is allowed only to
// this machine; anything sent elsewhere goes over HTTPS.

import type { SyncTarget } from './target';
import { SyncRefused } from './codec';

export interface WebDavCredentials {
  user: string;
  password: string;
}

export class WebDavTarget implements SyncTarget {
  bytesWritten = 0;
  private readonly base: URL;
  private readonly made = new Set<string>();

  constructor(
    url: string,
    private readonly credentials: WebDavCredentials | null,
  ) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new SyncRefused(`“${url}” is not a WebDAV address.`);
    }
    if (parsed.username || parsed.password)
      throw new SyncRefused(
        'Put WebDAV credentials in DOSSIER_WEBDAV_USER and DOSSIER_WEBDAV_PASSWORD, not in the address (the address is remembered).',
      );
    const local = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local))
      throw new SyncRefused('A WebDAV address must be https:// (plain http:// only to this machine).');
    if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
    this.base = parsed;
  }

  get label(): string {
    return this.base.href;
  }

  private url(file: string): URL {
    if (file.split('/').some((part) => part === '..' || part === '.'))
      throw new Error(`“${file}” is outside the sync target.`);
    return new URL(file.split('/').map(encodeURIComponent).join('/'), this.base);
  }

  private async request(
    method: string,
    url: URL,
    init: { body?: Uint8Array; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.credentials)
      headers.authorization = `Basic ${Buffer.from(`${this.credentials.user}:${this.credentials.password}`).toString('base64')}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: init.body as unknown as BodyInit | undefined,
        redirect: 'error',
      });
    } catch (error) {
      throw new SyncRefused(
        `Cannot reach ${this.base.origin}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}.`,
      );
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw new SyncRefused(
        `${this.base.origin} refused the credentials (check the user and password in the Sync setting, or DOSSIER_WEBDAV_USER and DOSSIER_WEBDAV_PASSWORD).`,
      );
    }
    return response;
  }

  async list(dir: string): Promise<string[]> {
    const url = this.url(dir ? `${dir}/` : '');
    const response = await this.request('PROPFIND', url, {
      headers: { depth: '1', 'content-type': 'application/xml' },
      body: Buffer.from('<?xml version="1.0"?><propfind xmlns="DAV:"><prop><resourcetype/></prop></propfind>'),
    });
    if (response.status === 404) {
      await response.body?.cancel();
      return [];
    }
    if (response.status !== 207)
      throw new SyncRefused(`${this.base.origin} answered ${response.status} to a folder listing.`);
    const xml = await response.text();
    const self = decodeURIComponent(url.pathname).replace(/\/$/, '');
    const names: string[] = [];
    for (const match of xml.matchAll(/<(?:[A-Za-z0-9]+:)?href>([^<]*)<\/(?:[A-Za-z0-9]+:)?href>/g)) {
      const href = decodeURIComponent(new URL(match[1].replace(/&amp;/g, '&'), url).pathname).replace(/\/$/, '');
      if (href === self || !href.startsWith(`${self}/`)) continue;
      const name = href.slice(self.length + 1);
      if (name && !name.includes('/')) names.push(name);
    }
    return names;
  }

  async read(file: string): Promise<Uint8Array | null> {
    const response = await this.request('GET', this.url(file));
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) throw new SyncRefused(`${this.base.origin} answered ${response.status} when reading ${file}.`);
    return new Uint8Array(await response.arrayBuffer());
  }

  async write(file: string, bytes: Uint8Array): Promise<void> {
    const parts = file.split('/');
    // The target's own folder first ('' is the root), then each folder on the way.
    for (let i = 0; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (this.made.has(dir)) continue;
      const response = await this.request('MKCOL', dir ? this.url(`${dir}/`) : this.base);
      await response.body?.cancel();
      // 405: it exists already; 201: made.
      if (response.status !== 201 && response.status !== 405 && !response.ok)
        throw new SyncRefused(`${this.base.origin} answered ${response.status} when making the folder ${dir}.`);
      this.made.add(dir);
    }
    const response = await this.request('PUT', this.url(file), {
      body: bytes,
      headers: { 'content-type': 'application/octet-stream' },
    });
    await response.body?.cancel();
    if (!response.ok) throw new SyncRefused(`${this.base.origin} answered ${response.status} when writing ${file}.`);
    this.bytesWritten += bytes.length;
  }

  async remove(file: string): Promise<void> {
    const response = await this.request('DELETE', this.url(file));
    await response.body?.cancel();
    if (!response.ok && response.status !== 404)
      throw new SyncRefused(`${this.base.origin} answered ${response.status} when removing ${file}.`);
  }
}
