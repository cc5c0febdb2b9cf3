// Where sync secrets (the WebDAV password, the encryption passphrase) come from: what was
// typed in the app this session, then an environment variable, then the OS keychain
// (`secret-tool` on Linux, `security` on macOS). They are never written into the archive;
// without a keychain, a secret typed in the app lasts until the host closes.

import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SecretSource } from './types';

export type { SecretSource };
export type SecretKind = 'passphrase' | 'webdav-password';

/** The environment variable that supplies each secret (and overrides the keychain). */
export const SECRET_ENV: Record<SecretKind, string> = {
  passphrase: 'DOSSIER_SYNC_PASSPHRASE',
  'webdav-password': 'DOSSIER_WEBDAV_PASSWORD',
};

export interface Keychain {
  readonly name: string;
  get(kind: SecretKind, account: string): Promise<string | null>;
  /** Stores a secret; throws with one line when the keychain refuses. */
  set(kind: SecretKind, account: string, value: string): Promise<void>;
}

const LABEL: Record<SecretKind, string> = {
  passphrase: 'Dossier sync passphrase',
  'webdav-password': 'Dossier WebDAV password',
};
const CHILD_TIMEOUT_MS = 10_000;

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Runs a keychain tool; resolves its stdout, or rejects with its first line of stderr. */
function run(program: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: CHILD_TIMEOUT_MS });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(err.trim().split('\n')[0] || `${path.basename(program)} exited with ${code}`)),
    );
    child.stdin.end(input ?? '');
  });
}

/** libsecret's command-line tool: the secret goes in on stdin, never on a command line. */
export function secretTool(program: string): Keychain {
  const attrs = (kind: SecretKind, account: string) => ['application', 'dossier', 'kind', kind, 'account', account];
  return {
    name: 'the Secret Service (secret-tool)',
    get: (kind, account) =>
      run(program, ['lookup', ...attrs(kind, account)]).then(
        (s) => s || null,
        () => null,
      ),
    async set(kind, account, value) {
      await run(program, ['store', `--label=${LABEL[kind]} (${account})`, ...attrs(kind, account)], value).catch(
        (error: Error) => {
          throw new Error(`The keychain did not keep the secret: ${error.message}`);
        },
      );
    },
  };
}

/** macOS's keychain. (`security` takes the secret as an argument: it is briefly visible to `ps`.) */
function macKeychain(): Keychain {
  const service = (kind: SecretKind) => `dossier-${kind}`;
  return {
    name: 'the macOS keychain',
    get: (kind, account) =>
      new Promise((resolve) =>
        execFile(
          '/usr/bin/security',
          ['find-generic-password', '-s', service(kind), '-a', account, '-w'],
          { timeout: CHILD_TIMEOUT_MS },
          (error, stdout) => resolve(error ? null : stdout.replace(/\n$/, '') || null),
        ),
      ),
    async set(kind, account, value) {
      await run('/usr/bin/security', [
        'add-generic-password',
        '-U',
        '-s',
        service(kind),
        '-a',
        account,
        '-l',
        LABEL[kind],
        '-w',
        value,
      ]).catch((error: Error) => {
        throw new Error(`The keychain did not keep the secret: ${error.message}`);
      });
    },
  };
}

/** The keychain of this machine, or why there is none (one line). */
export function systemKeychain(platform: NodeJS.Platform = process.platform): Keychain | { unavailable: string } {
  if (platform === 'darwin' && existsSync('/usr/bin/security')) return macKeychain();
  if (platform === 'win32')
    return {
      unavailable:
        'The Windows credential store is not supported yet; use DOSSIER_WEBDAV_PASSWORD and DOSSIER_SYNC_PASSPHRASE.',
    };
  const tool = platform === 'linux' ? onPath('secret-tool') : null;
  if (tool) return secretTool(tool);
  return {
    unavailable:
      'No keychain found (install libsecret-tools for secret-tool); secrets typed here last until Dossier closes, or use DOSSIER_WEBDAV_PASSWORD and DOSSIER_SYNC_PASSPHRASE.',
  };
}

/** The secrets one host knows: typed this session, from the environment, or from the keychain. */
export class Secrets {
  private readonly session = new Map<string, string>();

  constructor(
    private readonly keychain: Keychain | { unavailable: string } = systemKeychain(),
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Why secrets are not kept across restarts, or null when a keychain keeps them. */
  get unavailable(): string | null {
    return 'unavailable' in this.keychain ? this.keychain.unavailable : null;
  }

  async get(kind: SecretKind, account: string): Promise<{ value: string; from: SecretSource } | null> {
    const typed = this.session.get(`${kind} ${account}`);
    if (typed) return { value: typed, from: 'session' };
    const fromEnv = this.env[SECRET_ENV[kind]];
    if (fromEnv) return { value: fromEnv, from: 'environment' };
    if ('unavailable' in this.keychain) return null;
    const stored = await this.keychain.get(kind, account);
    return stored ? { value: stored, from: 'keychain' } : null;
  }

  /**
   * Keeps a secret for this session and, where there is one, in the keychain. Returns a
   * one-line warning when it could not be kept beyond this session, else null.
   */
  async set(kind: SecretKind, account: string, value: string): Promise<string | null> {
    this.session.set(`${kind} ${account}`, value);
    if ('unavailable' in this.keychain) return this.keychain.unavailable;
    try {
      await this.keychain.set(kind, account, value);
      return null;
    } catch (error) {
      return `${(error as Error).message} It is kept until Dossier closes.`;
    }
  }
}
