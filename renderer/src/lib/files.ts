// Reads dropped or chosen files into the contract's upload shape (name + base64) and cuts
// them into batches small enough for one request, so a big import shows real progress.

import type { UploadedFile as Upload } from '../../../archive/api/types';

const MAX_BATCH_BYTES = 24 * 1024 * 1024;
/** The browser host refuses request bodies over 64 MB; base64 makes a file a third larger. */
export const MAX_FILE_BYTES = 45 * 1024 * 1024;
const MAX_BATCH_FILES = 40;

export async function toUpload(file: File): Promise<Upload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return { name: file.name, data: btoa(binary) };
}

/** Groups files so that each batch stays under the server's body limit. */
export function batches(files: File[]): File[][] {
  const out: File[][] = [];
  let current: File[] = [];
  let size = 0;
  for (const file of files) {
    const encoded = Math.ceil(file.size / 3) * 4;
    if (current.length && (size + encoded > MAX_BATCH_BYTES || current.length >= MAX_BATCH_FILES)) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(file);
    size += encoded;
  }
  if (current.length) out.push(current);
  return out;
}
