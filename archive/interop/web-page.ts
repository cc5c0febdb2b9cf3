// Imports a saved or fetched web page as one article: decodes it by its declared charset,
// extracts the article with Readability over jsdom (links and images made absolute against
// the canonical URL), sanitises the HTML and keeps its plain text. A page with no readable
// article, over MAX_PAGE_BYTES, binary, or nested too deeply is refused with a one-line
// reason; importFromUrl adds fetching with a deadline.

import { Readability } from '@mozilla/readability';
import { decodeHtml } from './charset';
import { htmlDocument } from './html-dom';
import { binaryReason } from './sniff';
import { fetchPage, type FetchPageOptions } from './fetch-page';
import { MAX_PAGE_BYTES, pageTooLarge } from './page-limits';
import { makeDraft, primaryLanguage, str, webUrl } from './draft';
import { sanitiseHtml } from './html-text';
import { extension } from './json-source';
import { normaliseDate } from './timestamps';
import type { ImportDraft, Importer, SourceFile } from './types';

export interface WebPageOptions {
  /** Where the page came from; relative links resolve against it unless the page names a canonical URL. */
  url?: string | null;
  /** The HTTP Content-Type, whose charset outranks the page's own declaration. */
  contentType?: string | null;
  /** How to name the page in an error message. */
  name?: string;
}

/** Fewer characters than this after extraction is not an article, whatever Readability says. */
const MIN_TEXT_CHARS = 40;

/**
 * The page's own idea of its address: <link rel=canonical>, else og:url; absolute http(s)
 * only. Resolves by hand rather than through document.baseURI, because jsdom caches the
 * base URL on first use and the document's URL is about to change to the result.
 */
function canonicalOf(document: Document, pageUrl: string | null): string | null {
  const resolveAgainst = (href: string, base: string | null): string | null => {
    try {
      return new URL(href.trim(), base ?? undefined).href;
    } catch {
      return null; // not a URL, or relative with nothing to resolve against
    }
  };
  const baseHref = document.querySelector('base[href]')?.getAttribute('href');
  const base = baseHref ? (resolveAgainst(baseHref, pageUrl) ?? pageUrl) : pageUrl;
  const candidates: string[] = [];
  for (const link of Array.from(document.querySelectorAll('link[rel][href]'))) {
    if ((link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'))
      candidates.push(link.getAttribute('href') ?? '');
  }
  for (const meta of Array.from(document.querySelectorAll('meta[property][content]'))) {
    if ((meta.getAttribute('property') ?? '').toLowerCase() === 'og:url')
      candidates.push(meta.getAttribute('content') ?? '');
  }
  for (const candidate of candidates) {
    const resolved = webUrl(resolveAgainst(candidate, base));
    if (resolved !== null) return resolved;
  }
  return null;
}

function metaContent(document: Document, names: string[]): string | null {
  for (const meta of Array.from(document.querySelectorAll('meta[content]'))) {
    const key = (
      meta.getAttribute('property') ??
      meta.getAttribute('name') ??
      meta.getAttribute('http-equiv') ??
      ''
    ).toLowerCase();
    if (names.includes(key)) {
      const value = str(meta.getAttribute('content'));
      if (value !== null) return value;
    }
  }
  return null;
}

const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/**
 * Readability 0.6 cuts a site name off a title after "|", "-", "»" but not after an en or
 * em dash ("Headline – Site"); newer releases do. Same rule: drop the last part when what
 * stays still has more than four words.
 */
function withoutSiteSuffix(title: string): string {
  const m = /^(.*\S)\s+[–—]\s+\S.*$/.exec(title);
  return m !== null && words(m[1]) > 4 ? m[1] : title;
}

/** Extracts one article from a page's bytes; throws an Error with a one-line reason when there is none. */
export function parseWebPage(bytes: Uint8Array, options: WebPageOptions = {}): ImportDraft {
  const name = options.name ?? options.url ?? 'the page';
  if (bytes.length > MAX_PAGE_BYTES) throw new Error(pageTooLarge(name, bytes.length));
  const binary = binaryReason(bytes);
  if (binary !== null) throw new Error(`${name} is not a web page: ${binary}`);
  const { text: html } = decodeHtml(bytes, options.contentType);
  const pageUrl = webUrl(options.url);
  const dom = htmlDocument(html, { url: pageUrl, what: name });
  try {
    const document = dom.window.document;
    const canonical = canonicalOf(document, pageUrl);
    // Readability resolves links against the document's URL, so give it the canonical one.
    if (canonical !== null && canonical !== pageUrl) dom.reconfigure({ url: canonical });
    const htmlLang = document.documentElement.getAttribute('lang') ?? document.documentElement.getAttribute('xml:lang');
    const metaLang = metaContent(document, ['content-language', 'og:locale', 'language', 'dc.language']);
    const documentTitle = str(document.title);
    // Read before Readability runs: it prunes the document as it goes.
    const metaPublished =
      metaContent(document, [
        'article:published_time',
        'article:published',
        'datepublished',
        'pubdate',
        'publishdate',
        'dc.date.issued',
        'dc.date',
        'parsely-pub-date',
        'sailthru.date',
      ]) ??
      str(
        document.querySelector('[itemprop="datePublished"]')?.getAttribute('content') ??
          document.querySelector('time[itemprop="datePublished"], time[pubdate]')?.getAttribute('datetime'),
      );
    // Readability takes a title from page metadata as it is; only a title it derived from
    // <title> itself may still carry the site's name.
    const titleFromMetadata =
      metaContent(document, ['og:title', 'twitter:title', 'dc.title', 'dcterm:title', 'title']) !== null ||
      document.querySelector('script[type="application/ld+json"]') !== null;

    let article: ReturnType<Readability['parse']>;
    try {
      article = new Readability(document).parse();
    } catch (error) {
      throw new Error(`no readable article in ${name}: extraction failed (${(error as Error).message})`, {
        cause: error,
      });
    }
    if (article === null || !article.content)
      throw new Error(`no readable article in ${name}: nothing on the page looks like an article`);
    const body = sanitiseHtml(article.content);
    if (body.text.length < MIN_TEXT_CHARS)
      throw new Error(`no readable article in ${name}: the extracted article has (almost) no text`);

    const url = canonical ?? pageUrl;
    return makeDraft({
      kind: 'article',
      title: titleOf(str(article.title), documentTitle, !titleFromMetadata) ?? str(options.name) ?? url ?? 'Untitled',
      byline: str(article.byline),
      source: str(article.siteName) ?? (url !== null ? new URL(url).hostname.replace(/^www\./, '') : null),
      url,
      published: normaliseDate(article.publishedTime) ?? normaliseDate(metaPublished),
      language: primaryLanguage(article.lang) ?? primaryLanguage(htmlLang) ?? primaryLanguage(metaLang),
      excerpt: str(article.excerpt),
      html: body.html,
      text: body.text,
    });
  } finally {
    dom.window.close();
  }
}

function titleOf(extracted: string | null, documentTitle: string | null, mayStrip: boolean): string | null {
  if (extracted === null) return documentTitle;
  return mayStrip && documentTitle !== null && extracted.replace(/\s+/g, ' ') === documentTitle.replace(/\s+/g, ' ')
    ? withoutSiteSuffix(extracted)
    : extracted;
}

const HTML_EXTENSIONS = new Set(['html', 'htm', 'xhtml', 'shtml']);

export const webPageImporter: Importer = {
  format: 'web-page',
  accepts(file: SourceFile): boolean {
    if (HTML_EXTENSIONS.has(extension(file.name))) return true;
    const head = new TextDecoder('latin1').decode(file.bytes.subarray(0, 1024)).trimStart().toLowerCase();
    return head.startsWith('<!doctype html') || head.startsWith('<html');
  },
  parse(file: SourceFile) {
    return { drafts: [parseWebPage(file.bytes, { name: file.name })], skipped: [] };
  },
};

/** Fetches a page (see fetchPage for what is refused) and imports it as a web page. */
export async function importFromUrl(url: string, options: FetchPageOptions): Promise<ImportDraft[]> {
  const page = await fetchPage(url, options);
  return [parseWebPage(page.bytes, { url: page.url, contentType: page.contentType, name: page.url })];
}
