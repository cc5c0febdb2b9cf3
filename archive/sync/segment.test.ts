// Segments as read back from a folder other programs write to: a half-delivered one waits,
// one naming another place or holding a value its schema refuses is refused, and names that
// would reach an object's prototype never become keys.

import { describe, expect, it } from 'vitest';
import { checkOp, decodeSegment, encodeSegment } from './segment';

const DEVICE = '00000000000000a1';
const S1 = `000001700000000-0000-${DEVICE}`;
const S2 = `000001700000001-0000-${DEVICE}`;
const op = (e: string, f: string, v: unknown) => ({ s: S2, b: S1, e, f, v });

describe('segments', () => {
  it('round-trip, and a cut or altered one reads as still arriving', () => {
    const ops = [op('i:00000000000000aa', 'title', 'A title'), op('t:news', 'color', '#aabbcc')];
    const bytes = encodeSegment(DEVICE, 3, ops);
    expect(decodeSegment(bytes, DEVICE, 3)).toEqual({ ok: true, ops });
    expect(decodeSegment(bytes.subarray(0, bytes.length - 12), DEVICE, 3)).toEqual({ ok: false, torn: true });
    const altered = Buffer.from(bytes);
    altered[40] ^= 1;
    expect(decodeSegment(altered, DEVICE, 3)).toEqual({ ok: false, torn: true });
    expect(decodeSegment(bytes, DEVICE, 4)).toMatchObject({
      ok: false,
      torn: false,
      problem: expect.stringMatching(/another device or place/),
    });
  });

  it('refuses operations whose values their schema refuses', () => {
    expect(checkOp(op('i:00000000000000aa', '__proto__', {}))).toMatch(/unknown field/);
    expect(checkOp(op('i:00000000000000aa', 'constructor', {}))).toMatch(/unknown field/);
    expect(checkOp(op('s:__proto__', 'v', { polluted: true }))).toMatch(/bad entity/);
    expect(checkOp(op('i:../../etc/passwd', 'title', 'x'))).toMatch(/bad entity/);
    expect(checkOp(op('i:00000000000000aa', 'wordCount', -3))).toMatch(/not valid/);
    expect(
      checkOp(op('i:00000000000000aa', 'files', { html: null, txt: null, assets: { '../x.png': 'a'.repeat(64) } })),
    ).toMatch(/not valid/);
    expect(
      checkOp(
        op('n:00000000000000bb', '*', {
          id: '00000000000000cc',
          itemId: '00000000000000aa',
          text: 't',
          created: 'x',
          updated: 'x',
        }),
      ),
    ).toMatch(/another id/);
    expect(checkOp(op('i:00000000000000aa', 'tag:news', 'News'))).toEqual({
      op: op('i:00000000000000aa', 'tag:news', 'News'),
    });
    expect(checkOp(op('i:00000000000000aa', 'gone', true))).toEqual({ op: op('i:00000000000000aa', 'gone', true) });
  });
});
