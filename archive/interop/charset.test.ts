import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { sharedPath } from '../test-shared';
import { decodeHtml, decodeText } from './charset';
import { plainTextImporter } from './plain-text';
import { parseWebPage } from './web-page';

const utf8 = (s: string) => new TextEncoder().encode(s);
const cp1252 = (s: string) =>
  Uint8Array.from(s, (c) => ({ '’': 0x92, '“': 0x93, '”': 0x94, '€': 0x80 })[c] ?? c.charCodeAt(0));

describe('decodeHtml trusts valid UTF-8 first', () => {
  it('reads UTF-8 bytes as UTF-8 although the page declares gb2312', () => {
    const page =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>光明网 新闻</title></head><body><p>中文</p></body></html>';
    expect(decodeHtml(utf8(page))).toEqual({ text: page, charset: 'utf-8' });
  });

  it('still follows the declaration when the bytes are not UTF-8', () => {
    const gbk = new Uint8Array([0x3c, 0x70, 0x3e, 0xd6, 0xd0, 0xce, 0xc4]); // <p>中文 in GBK
    const withMeta = new Uint8Array([...utf8('<meta charset="gb2312">'), ...gbk]);
    expect(decodeHtml(withMeta)).toEqual({ text: '<meta charset="gb2312"><p>中文', charset: 'gbk' });
  });

  it('reads a page declared as Latin-1 as windows-1252, as browsers do', () => {
    const page = new Uint8Array([...utf8('<meta charset="iso-8859-1"><p>'), 0x93, 0x43, 0x61, 0x66, 0xe9, 0x94]);
    expect(decodeHtml(page)).toEqual({ text: '<meta charset="iso-8859-1"><p>“Café”', charset: 'windows-1252' });
  });

  it('follows the declaration for pure ASCII bytes', () => {
    expect(decodeHtml(utf8('<meta charset="iso-2022-jp"><p>x</p>')).charset).toBe('iso-2022-jp');
  });

  const gmw = sharedPath('fixtures/readability-pages/gmw/source.html');
  it.skipIf(!existsSync(gmw))('keeps the title of the real gb2312-declared, UTF-8-encoded page (gmw) readable', () => {
    const bytes = readFileSync(gmw);
    const { text } = decodeHtml(bytes);
    expect(text).toMatch(/[\u4e00-\u9fff]{4}/);
    expect(text).not.toMatch(/\ufffd|鍏|鏂/);
    expect(parseWebPage(bytes).title).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('decodeText', () => {
  it('decodes UTF-8, and windows-1252 when the bytes are not UTF-8', () => {
    expect(decodeText(utf8('Café naïve'))).toEqual({ text: 'Café naïve', charset: 'utf-8' });
    expect(decodeText(cp1252('Café naïve “quoted” €5’s'))).toEqual({
      text: 'Café naïve “quoted” €5’s',
      charset: 'windows-1252',
    });
  });

  it('imports a Windows-1252 .txt file without mojibake', async () => {
    const { drafts } = await plainTextImporter.parse({
      name: 'cafe.txt',
      bytes: cp1252('Café naïve\n\nThe “menu” costs €5 and it’s good.\n'),
    });
    expect(drafts[0].title).toBe('Café naïve');
    expect(drafts[0].text).toContain('The “menu” costs €5 and it’s good.');
  });
});
