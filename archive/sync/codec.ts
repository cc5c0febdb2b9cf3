// How bytes are written to the sync target: as they are, or (with a passphrase) encrypted
// and authenticated with AES-256-GCM under a key derived by scrypt. A sealed file carries its
// length, so a file still arriving ("torn") is told from one that was changed ("tampered").
// Blob names are hashes of what is stored: of the bytes, or of the ciphertext, whose nonce
// is derived from the content so that the same content is stored once.

import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, scryptSync } from 'node:crypto';

/** Thrown when a file cannot be trusted (tampered, or another passphrase): one line for the person. */
export class SyncRefused extends Error {}

export type Opened = { ok: true; bytes: Uint8Array } | { ok: false; torn: true };

export interface Codec {
  readonly encrypted: boolean;
  /** Bytes as stored on the target. */
  seal(plain: Uint8Array): Uint8Array;
  /** The plain bytes; `torn` when the file is shorter than it says (still arriving); throws SyncRefused when forged. */
  open(stored: Uint8Array, what: string): Opened;
  /** A blob's stored bytes and its name (the sha256 of those bytes). */
  sealBlob(plain: Uint8Array): { name: string; bytes: Uint8Array };
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export const plainCodec: Codec = {
  encrypted: false,
  seal: (plain) => plain,
  open: (stored) => ({ ok: true, bytes: stored }),
  sealBlob: (plain) => ({ name: sha256(plain), bytes: plain }),
};

const MAGIC = Buffer.from('DSE1');
const HEAD = MAGIC.length + 4 + 12;

/** The key parameters kept (in the clear) in the target's dossier-sync.json. */
export interface KeyParams {
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  /** A known text sealed with the key: a wrong passphrase fails to open it. */
  check: string;
}

const CHECK_TEXT = 'dossier-sync key check';

export function newKeyParams(passphrase: string): { params: KeyParams; codec: Codec } {
  const base = { kdf: 'scrypt' as const, N: 1 << 15, r: 8, p: 1, salt: randomBytes(16).toString('base64') };
  const codec = encryptedCodec(deriveKeys(passphrase, base));
  return { params: { ...base, check: Buffer.from(codec.seal(Buffer.from(CHECK_TEXT))).toString('base64') }, codec };
}

/** The codec for a passphrase; throws SyncRefused when it is not the one the target was set up with. */
export function openKeyParams(passphrase: string, params: KeyParams): Codec {
  const codec = encryptedCodec(deriveKeys(passphrase, params));
  let opened: Opened;
  try {
    opened = codec.open(Buffer.from(params.check, 'base64'), 'the key check');
  } catch {
    throw new SyncRefused('The passphrase does not open this sync target (it was set up with another one).');
  }
  if (!opened.ok || Buffer.from(opened.bytes).toString() !== CHECK_TEXT)
    throw new SyncRefused('The passphrase does not open this sync target (it was set up with another one).');
  return codec;
}

function deriveKeys(
  passphrase: string,
  p: { N: number; r: number; p: number; salt: string },
): { enc: Buffer; mac: Buffer } {
  if (!passphrase) throw new SyncRefused('The passphrase is empty.');
  const bytes = scryptSync(passphrase.normalize('NFC'), Buffer.from(p.salt, 'base64'), 64, {
    N: p.N,
    r: p.r,
    p: p.p,
    maxmem: 256 * p.N * p.r,
  });
  return { enc: bytes.subarray(0, 32), mac: bytes.subarray(32) };
}

function encryptedCodec(keys: { enc: Buffer; mac: Buffer }): Codec {
  const sealWith = (plain: Uint8Array, iv: Buffer) => {
    const cipher = createCipheriv('aes-256-gcm', keys.enc, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    return Buffer.concat([MAGIC, length, iv, body]);
  };
  return {
    encrypted: true,
    seal: (plain) => sealWith(plain, randomBytes(12)),
    open(stored, what) {
      const bytes = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
      if (bytes.length < HEAD) {
        if (MAGIC.subarray(0, Math.min(bytes.length, 4)).equals(bytes.subarray(0, 4))) return { ok: false, torn: true };
        throw new SyncRefused(`${what} is not an encrypted Dossier file; it was not applied.`);
      }
      if (!bytes.subarray(0, 4).equals(MAGIC))
        throw new SyncRefused(`${what} is not an encrypted Dossier file; it was not applied.`);
      const length = bytes.readUInt32BE(4);
      if (bytes.length < HEAD + length) return { ok: false, torn: true };
      if (bytes.length > HEAD + length || length < 16)
        throw new SyncRefused(`${what} was changed outside Dossier (its length does not match); it was not applied.`);
      const decipher = createDecipheriv('aes-256-gcm', keys.enc, bytes.subarray(8, HEAD));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      try {
        return {
          ok: true,
          bytes: Buffer.concat([decipher.update(bytes.subarray(HEAD, bytes.length - 16)), decipher.final()]),
        };
      } catch {
        throw new SyncRefused(
          `${what} was changed outside Dossier or sealed with another passphrase; it was not applied.`,
        );
      }
    },
    sealBlob(plain) {
      // Same content, same nonce, same ciphertext: blobs are stored once and named by what is stored.
      const iv = createHmac('sha256', keys.mac).update(plain).digest().subarray(0, 12);
      const bytes = sealWith(plain, iv);
      return { name: sha256(bytes), bytes };
    },
  };
}
