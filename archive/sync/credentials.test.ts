// Sync secrets: what was typed this session wins, then the environment, then the keychain;
// without a keychain a typed secret lasts for the session and the caller is told so in one
// line. The real keychain (libsecret's secret-tool) is tried where it is installed.

import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { Secrets, secretTool, systemKeychain } from './credentials';

function secretToolPath(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v secret-tool'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

describe('sync secrets', () => {
  it('takes the session first, then the environment, and says when nothing keeps them', async () => {
    const none = { unavailable: 'No keychain found.' };
    const secrets = new Secrets(none, { DOSSIER_WEBDAV_PASSWORD: 'from-env' });
    expect(await secrets.get('webdav-password', 'me@https://dav.example/')).toEqual({
      value: 'from-env',
      from: 'environment',
    });
    expect(await secrets.get('passphrase', '/sync')).toBeNull();
    expect(await secrets.set('passphrase', '/sync', 'typed')).toBe('No keychain found.');
    expect(await secrets.get('passphrase', '/sync')).toEqual({ value: 'typed', from: 'session' });
    // Another target's passphrase is another secret.
    expect(await secrets.get('passphrase', '/elsewhere')).toBeNull();
    expect(secrets.unavailable).toBe('No keychain found.');
  });

  it('reads a keychain after the environment and keeps the session copy when the keychain refuses', async () => {
    const stored = new Map<string, string>();
    let refuse = false;
    const keychain = {
      name: 'a keychain',
      get: async (kind: string, account: string) => stored.get(`${kind} ${account}`) ?? null,
      set: async (kind: string, account: string, value: string) => {
        if (refuse) throw new Error('The keychain did not keep the secret: locked.');
        stored.set(`${kind} ${account}`, value);
      },
    };
    const secrets = new Secrets(keychain, {});
    expect(await secrets.set('passphrase', '/a', 'one')).toBeNull();
    expect(await new Secrets(keychain, {}).get('passphrase', '/a')).toEqual({ value: 'one', from: 'keychain' });
    expect(await new Secrets(keychain, { DOSSIER_SYNC_PASSPHRASE: 'env' }).get('passphrase', '/a')).toEqual({
      value: 'env',
      from: 'environment',
    });
    refuse = true;
    expect(await secrets.set('passphrase', '/b', 'two')).toBe(
      'The keychain did not keep the secret: locked. It is kept until Dossier closes.',
    );
    expect(await secrets.get('passphrase', '/b')).toEqual({ value: 'two', from: 'session' });
  });

  it('names the environment variables on Windows, where no keychain is supported', () => {
    expect(systemKeychain('win32')).toEqual({
      unavailable: expect.stringMatching(
        /^The Windows credential store is not supported yet; use DOSSIER_WEBDAV_PASSWORD/,
      ),
    });
  });

  const tool = secretToolPath();
  if (!tool)
    console.warn(
      'keychain test skipped: secret-tool is not installed (apt-get install libsecret-tools, with a Secret Service such as gnome-keyring running).',
    );
  it.skipIf(!tool)('stores and finds a secret with secret-tool', async () => {
    const keychain = secretTool(tool!);
    const account = `test-${process.pid}-${Date.now()}`;
    try {
      await keychain.set('passphrase', account, 'correct horse');
    } catch (error) {
      // Installed but no Secret Service on this session bus: the one line says so.
      console.warn(`keychain test skipped: ${(error as Error).message}`);
      expect((error as Error).message).toMatch(/^The keychain did not keep the secret: /);
      return;
    }
    expect(await keychain.get('passphrase', account)).toBe('correct horse');
    expect(await keychain.get('passphrase', `${account}-other`)).toBeNull();
    execFileSync(tool!, ['clear', 'application', 'dossier', 'kind', 'passphrase', 'account', account]);
  });
});
