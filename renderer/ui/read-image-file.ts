/**
 * Turns a dropped, pasted or dragged image into what `inputs.add` takes, refusing early what BFL
 * can never accept (wrong type, over 20 MB) with a reason; the core checks again (format, 20 MP).
 */
const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp']);
const MAX_BYTES = 20 * 1024 * 1024;

export type ReadResult = { ok: true; name: string; dataBase64: string } | { ok: false; reason: string };

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export async function readImageFile(file: Blob, name: string): Promise<ReadResult> {
  if (file.type && !ACCEPTED.has(file.type)) {
    return { ok: false, reason: `${name}: BFL takes JPEG, PNG or WebP images, not ${file.type}.` };
  }
  if (file.size > MAX_BYTES) {
    return { ok: false, reason: `${name}: ${(file.size / 1048576).toFixed(1)} MB is over BFL's 20 MB limit.` };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { ok: true, name, dataBase64: bytesToBase64(bytes) };
}

/** Gallery thumbnails carry this type when dragged, so a slot can take a library image. */
export const GENERATION_DRAG_TYPE = 'application/x-seedbank-generation';
