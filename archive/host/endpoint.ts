// Where an archive's host listens and where its token lies: `<archive>/.host/<machine>/`, a
// folder only the user may enter (0700), holding `token` (0600) and, on Unix, the socket
// `sock`. Per machine, because an archive folder may be kept in step between machines by a
// sync tool: one machine's token must never replace another's. Unix socket paths are short
// (~104 bytes): a longer one moves to a private per-user folder in the temp directory,
// named by a hash of the archive path. Windows uses a named pipe.

import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MAX_SOCKET_PATH = 100;

/** This machine's name as a folder name. */
function machine(): string {
  return (
    os
      .hostname()
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .slice(0, 64) || 'this-machine'
  );
}

export function hostDir(dir: string): string {
  return path.join(path.resolve(dir), '.host', machine());
}

export function tokenPath(dir: string): string {
  return path.join(hostDir(dir), 'token');
}

function archiveHash(dir: string): string {
  const key = process.platform === 'win32' ? path.resolve(dir).toLowerCase() : path.resolve(dir);
  return createHash('sha256').update(key).digest('hex').slice(0, 24);
}

function uid(): string {
  return typeof process.getuid === 'function' ? String(process.getuid()) : os.userInfo().username;
}

/** The socket (or pipe) path both the host and its clients derive from the archive folder. */
export function socketPath(dir: string): string {
  if (process.platform === 'win32') return `\\\\.\\pipe\\dossier-${archiveHash(dir)}`;
  const near = path.join(hostDir(dir), 'sock');
  if (Buffer.byteLength(near) <= MAX_SOCKET_PATH) return near;
  return path.join(os.tmpdir(), `dossier-${uid()}`, `${archiveHash(dir)}.sock`);
}

/**
 * Creates `folder` for the user alone, or checks that an existing one is a real folder of
 * theirs that nobody else can enter (else a local user could plant a socket or read a token).
 */
export async function ensurePrivateDir(folder: string): Promise<void> {
  await fs.mkdir(folder, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  const stat = await fs.lstat(folder);
  if (!stat.isDirectory()) throw new Error(`${folder} is not a folder`);
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid())
    throw new Error(`${folder} belongs to another user`);
  if ((stat.mode & 0o077) !== 0) await fs.chmod(folder, 0o700);
}
