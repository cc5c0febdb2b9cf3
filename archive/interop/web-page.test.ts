import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHtml } from './charset';
import { importFromUrl, parseWebPage, webPageImporter } from './web-page';

const paragraph = (n: number): string =>
  `<p>Paragraph ${n} of the report says that the committee met on Tuesday and agreed, after a long debate, to publish its findings in full before the end of the year.</p>`;

function page(opts: { head?: string; body?: string; lang?: string } = {}): string {
  return `<!DOCTYPE html><html${opts.lang ? ` lang="${opts.lang}"` : ''}><head><title>Committee publishes findings</title>${opts.head ?? ''}</head>
<body><article><h1>Committee publishes findings</h1><p class="byline">By Jane Roe</p>${opts.body ?? [1, 2, 3, 4, 5].map(paragraph).join('')}</article></body></html>`;
}

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('parseWebPage', () => {
  it('keeps title, byline, language, site name, published time and excerpt', () => {
    const head = `<meta property="og:site_name" content="The Daily Example"><meta property="article:published_time" content="2024-10-06T08:00:00Z">
      <meta name="description" content="The committee will publish everything.">`;
    const draft = parseWebPage(bytes(page({ head, lang: 'en-GB' })));
    expect(draft).toMatchObject({
      kind: 'article',
      title: 'Committee publishes findings',
      byline: 'By Jane Roe',
      source: 'The Daily Example',
      published: '2024-10-06T08:00:00.000Z',
      language: 'en',
      excerpt: 'The committee will publish everything.',
    });
  });

  it('separates paragraphs by blank lines in the plain text', () => {
    const draft = parseWebPage(bytes(page()));
    const paragraphs = draft.text.split('\n\n');
    expect(paragraphs.filter((p) => p.startsWith('Paragraph '))).toHaveLength(5);
  });

  it('removes scripts and event handlers from the kept HTML', () => {
    const body =
      [1, 2, 3].map(paragraph).join('') +
      '<p onclick="steal()">Click <img src="x.png" onerror="steal()"> here<script>steal()</script></p>' +
      paragraph(4);
    const draft = parseWebPage(bytes(page({ body })), { url: 'https://example.org/a/b.html' });
    expect(draft.html).not.toMatch(/onclick|onerror|<script|steal/);
  });

  it('resolves relative links and images against the canonical URL', () => {
    const head = '<link rel="canonical" href="https://news.example.com/2024/story.html">';
    const body = `${paragraph(1)}<p>See <a href="../more.html">more</a> and <img src="img/chart.png" alt="chart">.</p>${paragraph(2)}${paragraph(3)}`;
    const draft = parseWebPage(bytes(page({ head, body })), { url: 'https://mirror.example.net/x/y.html' });
    expect(draft.url).toBe('https://news.example.com/2024/story.html');
    expect(draft.html).toContain('href="https://news.example.com/more.html"');
    expect(draft.html).toContain('src="https://news.example.com/2024/img/chart.png"');
  });

  it('falls back to og:url, then to the address it was fetched from', () => {
    const og = parseWebPage(bytes(page({ head: '<meta property="og:url" content="https://og.example.com/p">' })));
    expect(og.url).toBe('https://og.example.com/p');
    const fetched = parseWebPage(bytes(page()), { url: 'https://fetched.example.com/q' });
    expect(fetched.url).toBe('https://fetched.example.com/q');
    expect(parseWebPage(bytes(page())).url).toBeNull();
  });

  it('refuses a page with no readable article, in one line', () => {
    expect(() =>
      parseWebPage(bytes('<html><body><nav><a href="/">Home</a></nav></body></html>'), { name: 'menu.html' }),
    ).toThrow(/^no readable article in menu\.html: [^\n]+$/);
  });

  it('decodes by the meta charset before parsing', () => {
    const latin1 = page({
      head: '<meta charset="iso-8859-1">',
      body:
        [1, 2, 3].map(paragraph).join('') +
        '<p>Le caf\u00e9 du march\u00e9 a ferm\u00e9 ses portes apr\u00e8s cinquante ann\u00e9es de service.</p>',
    });
    const encoded = Uint8Array.from(latin1, (c) => c.charCodeAt(0));
    expect(parseWebPage(encoded).text).toContain('Le café du marché a fermé ses portes');
  });
});

describe('decodeHtml', () => {
  it('lets a byte order mark win over a declared charset', () => {
    const body = '<meta charset="windows-1252"><p>naïve</p>';
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(body)]);
    expect(decodeHtml(withBom)).toEqual({ text: body, charset: 'utf-8' });
  });

  it('reads http-equiv Content-Type and the HTTP header, header first', () => {
    const markup = '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><p>x</p>';
    expect(decodeHtml(bytes(markup)).charset).toBe('shift_jis');
    expect(decodeHtml(bytes(markup), 'text/html; charset=utf-8').charset).toBe('utf-8');
  });

  it('decodes UTF-16 with a BOM and guesses windows-1252 for undeclared non-UTF-8 bytes', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('<p>hé</p>').flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeHtml(utf16).text).toBe('<p>hé</p>');
    expect(decodeHtml(new Uint8Array([0x3c, 0x70, 0x3e, 0xe9]))).toEqual({ text: '<p>é', charset: 'windows-1252' });
  });
});

describe('webPageImporter', () => {
  it('accepts .html and .htm files and HTML without an extension', () => {
    expect(webPageImporter.accepts({ name: 'a.HTM', bytes: bytes('x') })).toBe(true);
    expect(webPageImporter.accepts({ name: 'saved', bytes: bytes('  <!DOCTYPE html><html>') })).toBe(true);
    expect(webPageImporter.accepts({ name: 'notes.txt', bytes: bytes('hello') })).toBe(false);
  });
});

describe('importFromUrl', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      if (path === '/article') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page({ body: [1, 2, 3].map(paragraph).join('') + '<p><a href="/next">next</a></p>' }));
      } else if (path === '/old') {
        res.writeHead(301, { location: '/article' });
        res.end();
      } else if (path === '/to-file') {
        res.writeHead(302, { location: 'file:///etc/passwd' });
        res.end();
      } else if (path === '/loop') {
        res.writeHead(302, { location: '/loop' });
        res.end();
      } else if (path === '/data.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      } else if (path === '/slow') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html><body>');
        // never ends: the importer must give up on its own
      } else {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<h1>Not found</h1>');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('fetches a page, follows redirects and resolves links against the final address', async () => {
    const [draft] = await importFromUrl(`${base}/old`, { timeoutMs: 5000 });
    expect(draft.title).toBe('Committee publishes findings');
    expect(draft.url).toBe(`${base}/article`);
    expect(draft.html).toContain(`href="${base}/next"`);
  });

  it('refuses non-http(s) addresses, including as a redirect target', async () => {
    await expect(importFromUrl('file:///etc/passwd', { timeoutMs: 1000 })).rejects.toThrow(/only http and https/);
    await expect(importFromUrl(`${base}/to-file`, { timeoutMs: 1000 })).rejects.toThrow(/only http and https/);
  });

  it('refuses responses that are not HTML, error statuses and redirect loops', async () => {
    await expect(importFromUrl(`${base}/data.json`, { timeoutMs: 1000 })).rejects.toThrow(
      /is not a web page \(application\/json\)/,
    );
    await expect(importFromUrl(`${base}/missing`, { timeoutMs: 1000 })).rejects.toThrow(/answered HTTP 404/);
    await expect(importFromUrl(`${base}/loop`, { timeoutMs: 5000 })).rejects.toThrow(/too many redirects/);
  });

  it('says why a host could not be reached, once, instead of "fetch failed"', async () => {
    // A port that was just listening and is closed now refuses connections.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const { port } = closed.address() as AddressInfo;
    await new Promise((r) => closed.close(r));
    const failure = importFromUrl(`http://127.0.0.1:${port}/gone`, { timeoutMs: 2000 });
    await expect(failure).rejects.toThrow(`could not reach http://127.0.0.1:${port}/gone: the connection was refused`);
  });

  it('times out a response that never finishes', async () => {
    const started = Date.now();
    await expect(importFromUrl(`${base}/slow`, { timeoutMs: 300 })).rejects.toThrow(/timed out after 300 ms/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('uses the fetch it is given', async () => {
    const fake = (async () => new Response(page(), { headers: { 'content-type': 'text/html' } })) as typeof fetch;
    const [draft] = await importFromUrl('https://example.com/story', { fetch: fake, timeoutMs: 1000 });
    expect(draft.url).toBe('https://example.com/story');
  });
});
