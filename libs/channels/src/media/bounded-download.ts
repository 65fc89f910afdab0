import { MediaTooLargeError } from '../channel-adapter.port';

/** How long one attachment download may take; a voice note or a short video on a slow link, not an hour. */
export const MEDIA_DOWNLOAD_TIMEOUT_MS = 60_000;

/**
 * Reads a response body up to `maxBytes`: refuses at once when Content-Length declares more, and cancels the stream
 * as soon as what arrives grows past the limit (a missing or lying Content-Length), so the rest is never buffered.
 */
export async function readBounded(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new MediaTooLargeError(maxBytes);
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new MediaTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** A size a provider declares (a number, or digits in a string as Meta's description has it); undefined if none. */
export function declaredSize(value: unknown): number | undefined {
  const size = typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : value;
  return typeof size === 'number' && Number.isFinite(size) && size >= 0 ? size : undefined;
}

/** The media type without parameters, as a response's Content-Type declares it. */
export function contentType(response: Response): string | undefined {
  const type = response.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
  return type || undefined;
}
