// Length-prefixed JSON frames over a byte stream (the archive host's socket): a 4-byte
// big-endian length, then that many bytes of UTF-8 JSON. A frame larger than the limit, or
// one that is not JSON, is a protocol error: the reader throws and the caller hangs up.

/** Largest frame either side accepts (a whole-archive listing at 50k items fits easily). */
export const MAX_FRAME_BYTES = 256 * 1024 * 1024;

export class FrameError extends Error {}

export function encodeFrame(value: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  if (body.length > MAX_FRAME_BYTES) throw new FrameError(`a message of ${body.length} bytes is larger than the limit`);
  const head = Buffer.allocUnsafe(4);
  head.writeUInt32BE(body.length, 0);
  return Buffer.concat([head, body]);
}

/** Collects chunks as they arrive and hands back every whole frame, in order. */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly limit = MAX_FRAME_BYTES) {}

  push(chunk: Buffer): unknown[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: unknown[] = [];
    for (;;) {
      if (this.buffered < 4) break;
      const head = this.peek(4);
      const length = head.readUInt32BE(0);
      if (length > this.limit) throw new FrameError(`a message of ${length} bytes is larger than the limit`);
      if (this.buffered < 4 + length) break;
      const frame = this.take(4 + length).subarray(4);
      try {
        frames.push(JSON.parse(frame.toString('utf8')));
      } catch {
        throw new FrameError('a message is not valid JSON');
      }
    }
    return frames;
  }

  private peek(n: number): Buffer {
    if (this.chunks[0].length < n) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0].subarray(0, n);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
    return out;
  }
}
