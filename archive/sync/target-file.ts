// The one shared file every device reads first: dossier-sync.json says this is a Dossier
// sync target, its format version, and (when encrypted) how to derive the key. The first
// device to sync writes it; everyone else must agree with it or is refused with one line.

import { z } from 'zod';
import { newKeyParams, openKeyParams, plainCodec, SyncRefused, type Codec, type KeyParams } from './codec';
import { TARGET_FILE } from './layout';
import type { SyncTarget } from './target';

export const TARGET_VERSION = 1;

const TargetDoc = z.object({
  format: z.literal('dossier-sync'),
  version: z.number().int(),
  encryption: z
    .object({
      kdf: z.literal('scrypt'),
      N: z
        .number()
        .int()
        .min(1024)
        .max(1 << 20),
      r: z.number().int().min(1).max(32),
      p: z.number().int().min(1).max(16),
      salt: z.string(),
      check: z.string(),
    })
    .nullable(),
});

/** Opens (or sets up) the target; returns how to read and write its files. */
export async function openTargetFile(
  target: SyncTarget,
  passphrase: string | null,
): Promise<{ codec: Codec; salt: string | null; created: boolean }> {
  const bytes = await target.read(TARGET_FILE);
  if (bytes === null) {
    const setup = passphrase ? newKeyParams(passphrase) : null;
    // Without encryption the file is the same from every device, so two first rounds at once agree.
    const doc = { format: 'dossier-sync', version: TARGET_VERSION, encryption: setup?.params ?? null };
    await target.write(TARGET_FILE, Buffer.from(`${JSON.stringify(doc, null, 2)}\n`));
    return { codec: setup?.codec ?? plainCodec, salt: setup?.params.salt ?? null, created: true };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new SyncRefused(
      `${target.label} has a ${TARGET_FILE} that is not JSON (still arriving, or damaged); try again in a moment.`,
    );
  }
  const parsed = TargetDoc.safeParse(raw);
  if (!parsed.success) throw new SyncRefused(`${target.label} has a ${TARGET_FILE} that Dossier does not recognise.`);
  const doc = parsed.data;
  if (doc.version > TARGET_VERSION)
    throw new SyncRefused(
      `${target.label} was set up by a newer Dossier (sync format ${doc.version}); update Dossier.`,
    );
  if (doc.encryption === null) {
    if (passphrase)
      throw new SyncRefused(
        `${target.label} is not encrypted; sync without a passphrase, or use a new, empty target for an encrypted sync.`,
      );
    return { codec: plainCodec, salt: null, created: false };
  }
  if (!passphrase)
    throw new SyncRefused(
      `${target.label} is encrypted; give its passphrase (in the app's Sync setting, or DOSSIER_SYNC_PASSPHRASE, or --passphrase-env NAME).`,
    );
  return { codec: openKeyParams(passphrase, doc.encryption as KeyParams), salt: doc.encryption.salt, created: false };
}
