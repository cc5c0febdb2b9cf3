// The zeroed arrays a stored segment's postings are read into by block (postings-file.ts):
// they take memory from the system only where blocks are written, and give all of it back
// when they are let go and collected, however often that happens in a session.

/** WebAssembly pages: the unit such memory comes in. */
const PAGE = 64 * 1024;

/**
 * Arrays for `count` postings. They live in a WebAssembly memory, which the engine maps
 * from the system itself and unmaps when collected. Plain typed arrays come from malloc,
 * which keeps large freed blocks after a few have come and gone and hands them out again
 * written with zeros: then a fresh array is resident whole, and letting postings go
 * gives nothing back (measured: 183 MB held after five rounds of six 12 MB arrays, against
 * 58 from WebAssembly memory). Where no such memory can be had, plain arrays do.
 */
export function postingsArrays(count: number): { docs: Uint16Array; tfs: Uint8Array } {
  let buffer: ArrayBuffer;
  try {
    const pages = Math.ceil((3 * count) / PAGE);
    buffer = new WebAssembly.Memory({ initial: pages, maximum: pages }).buffer;
  } catch {
    buffer = new ArrayBuffer(3 * count);
  }
  return { docs: new Uint16Array(buffer, 0, count), tfs: new Uint8Array(buffer, 2 * count, count) };
}
