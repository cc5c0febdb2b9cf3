// Every page in ../shared/fixtures/readability-pages: the imported title, byline and
// language must match the expected metadata where it has them, and a sentence from the
// middle of the expected article text must be in the imported plain text.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../test-shared';
import { htmlToText } from './html-text';
import { parseWebPage } from './web-page';

const FIXTURES = sharedPath('fixtures/readability-pages');
const pages = existsSync(FIXTURES)
  ? readdirSync(FIXTURES)
      .filter((d) => existsSync(join(FIXTURES, d, 'source.html')))
      .sort()
  : [];

// Set from what the importer achieves (86/86 titles, 52/52 bylines, 52/52 languages when
// written); a drop below these means a real regression, not noise.
const MIN_SHARE = { title: 0.97, byline: 0.95, language: 0.97, sentence: 0.95 };

const norm = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
const primary = (lang: string): string => lang.split(/[-_]/)[0].toLowerCase();

/** The sentence nearest the middle of the text that is long enough to be distinctive. */
function middleSentence(text: string): string | null {
  const sentences = norm(text)
    .split(/(?<=[.!?。！？])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 30 && s.length <= 400);
  if (sentences.length === 0) {
    const flat = norm(text);
    return flat.length >= 30 ? flat.slice(Math.floor(flat.length / 2) - 15, Math.floor(flat.length / 2) + 15) : null;
  }
  return sentences[Math.floor(sentences.length / 2)];
}

describe.skipIf(pages.length === 0)('readability fixture pages', () => {
  if (pages.length === 0) console.warn(`skipping: no readability fixtures at ${FIXTURES}`);

  it('imports every readable page with the expected title, byline, language and text', () => {
    const tally = { title: [0, 0], byline: [0, 0], language: [0, 0], sentence: [0, 0], refused: [0, 0] };
    const misses: string[] = [];
    for (const page of pages) {
      const dir = join(FIXTURES, page);
      const meta = JSON.parse(readFileSync(join(dir, 'expected-metadata.json'), 'utf8')) as Record<
        string,
        string | null | boolean
      >;
      const expectedText = htmlToText(readFileSync(join(dir, 'expected.html'), 'utf8'));
      const sentence = middleSentence(expectedText);
      if (sentence === null) {
        // Nothing worth keeping in the expected extraction: the importer must refuse the page.
        tally.refused[1]++;
        try {
          parseWebPage(readFileSync(join(dir, 'source.html')), { name: page });
          misses.push(`${page}: imported a page with no readable article`);
        } catch (error) {
          expect((error as Error).message).toMatch(/^no readable article in /);
          tally.refused[0]++;
        }
        continue;
      }
      const draft = parseWebPage(readFileSync(join(dir, 'source.html')), { name: page });
      const check = (
        key: 'title' | 'byline' | 'language',
        expected: unknown,
        actual: string | null,
        same: (a: string, b: string) => boolean,
      ): void => {
        if (typeof expected !== 'string' || norm(expected) === '') return;
        tally[key][1]++;
        if (actual !== null && same(norm(expected), norm(actual))) tally[key][0]++;
        else misses.push(`${page}: ${key} ${JSON.stringify(expected)} != ${JSON.stringify(actual)}`);
      };
      check('title', meta.title, draft.title, (a, b) => a === b);
      check('byline', meta.byline, draft.byline, (a, b) => a === b);
      check('language', meta.lang, draft.language, (a, b) => primary(a) === b);
      tally.sentence[1]++;
      if (norm(draft.text).includes(sentence)) tally.sentence[0]++;
      else misses.push(`${page}: text lacks ${JSON.stringify(sentence.slice(0, 80))}`);
      expect(draft.kind).toBe('article');
      expect(draft.html).not.toMatch(/<script/i);
    }
    const line = Object.entries(tally)
      .map(([k, [ok, of]]) => `${k} ${ok}/${of}`)
      .join(', ');
    console.log(`readability fixtures (${pages.length} pages): ${line}`);
    if (misses.length > 0) console.log(misses.join('\n'));
    for (const key of Object.keys(MIN_SHARE) as Array<keyof typeof MIN_SHARE>) {
      const [ok, of] = tally[key];
      expect(ok / Math.max(of, 1), `${key} matches: ${ok}/${of}`).toBeGreaterThanOrEqual(MIN_SHARE[key]);
    }
    expect(tally.refused[0]).toBe(tally.refused[1]);
  }, 120_000);
});
