// The readability fixture pages, imported through the whole pipeline (contract, importer,
// store, search index): a sentence from the middle of each page's expected text, typed as
// plain words, finds that page's item as the first hit.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../test-shared';
import { htmlToText } from './html-text';
import { tempArchive } from '../core/test-archive';
import { dispatch } from '../api/dispatch';

const FIXTURES = sharedPath('fixtures/readability-pages');
const pages = existsSync(FIXTURES)
  ? readdirSync(FIXTURES)
      .filter((d) => existsSync(join(FIXTURES, d, 'source.html')))
      .sort()
  : [];

/** A distinctive sentence near the middle of the text, as a person would type it. */
function middleSentence(text: string): string | null {
  const sentences = text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?。！？])\s+/)
    .filter((s) => s.length >= 40 && s.length <= 300);
  if (sentences.length === 0) return null;
  return sentences[Math.floor(sentences.length / 2)]
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe.skipIf(pages.length === 0)('readability fixture pages in the archive', () => {
  if (pages.length === 0) console.warn(`skipping: no readability fixtures at ${FIXTURES}`);

  it('are found by a sentence from their middle, as the first hit', async () => {
    const { archive, cleanup } = await tempArchive({ seeded: false });
    try {
      const texts = new Map(
        pages.map((p) => [p, htmlToText(readFileSync(join(FIXTURES, p, 'expected.html'), 'utf8'))]),
      );
      const flat = (t: string) => t.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
      const expected = new Map<string, string>();
      for (const page of pages) {
        const candidate = middleSentence(texts.get(page) as string);
        // Several test pages share their lorem ipsum: such a sentence names no one page.
        const sentence =
          candidate && [...texts.values()].filter((t) => flat(t).includes(candidate)).length === 1 ? candidate : null;
        const outcome = await dispatch(
          archive,
          'import.paths',
          { paths: [join(FIXTURES, page, 'source.html')] },
          { trusted: true },
        );
        if (!outcome.ok) throw new Error(outcome.error.message);
        const [id] = outcome.value.imported;
        if (id && sentence) expected.set(sentence, id);
      }
      let first = 0;
      const misses: string[] = [];
      for (const [sentence, id] of expected) {
        const result = await dispatch(archive, 'search.query', { q: sentence, limit: 3 });
        if (!result.ok) throw new Error(result.error.message);
        if (result.value.hits[0]?.id === id) first++;
        else
          misses.push(
            `${archive.item(id).title}: “${sentence.slice(0, 60)}…” → ${result.value.hits[0]?.title ?? 'nothing'}`,
          );
      }
      console.log(`readability fixtures found first by a middle sentence: ${first}/${expected.size}`);
      if (misses.length) console.log(misses.join('\n'));
      expect(expected.size).toBeGreaterThan(55); // 63 of the 87 pages have a sentence no other page shares
      expect(first / expected.size).toBeGreaterThanOrEqual(0.95);
    } finally {
      await cleanup();
    }
  }, 180_000);
});
