import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tempArchive } from '../core/test-archive';
import { SEED_TAGS, WELCOME_NOTE_FILE } from './seed';

describe('the seed', () => {
  it('tags the seed article, so the sidebar has tags to show from the first start', async () => {
    const { archive, cleanup } = await tempArchive();
    try {
      expect(archive.data.items.find((i) => i.kind === 'article')?.tags).toEqual(SEED_TAGS);
    } finally {
      await cleanup();
    }
  });

  it('finds the seed article with every search example the welcome note gives', async () => {
    const note = readFileSync(fileURLToPath(new URL(`./${WELCOME_NOTE_FILE}`, import.meta.url)), 'utf8');
    const searchLine = note.split('\n').find((l) => l.includes('**Search**')) ?? '';
    const examples = Array.from(searchLine.matchAll(/`([^`]+)`/g), (m) => m[1]);
    expect(examples).toEqual(expect.arrayContaining(['tag:Diplomacy', 'source:MENAFN']));
    const { archive, cleanup } = await tempArchive();
    try {
      const article = archive.data.items.find((i) => i.kind === 'article')!;
      for (const q of examples) {
        const result = await archive.index.query({ q, limit: 10 });
        expect(result.hits.map((h) => h.id), q).toContain(article.id);
      }
    } finally {
      await cleanup();
    }
  });
});
