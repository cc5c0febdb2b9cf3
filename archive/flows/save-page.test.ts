// import.page through dispatch, with the real Readability import: a new page, the same
// page again (no duplicate, the selection becomes a highlight on the existing item), a
// bookmark, and a page with no article (kept as a bookmark, with the reason).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dispatch } from '../api/dispatch';
import { tempArchive } from '../core/test-archive';
import type { Archive } from '../core/archive';

const para = (s: string) => `<p>${s}</p>`;
const PAGE = `<!doctype html><html lang="en"><head><title>River tides rise in the delta – Example News</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>River tides rise in the delta</h1>
${para('The delta saw its highest tides in a decade on Monday, as the river carried the late autumn rain down from the hills and the sea pushed back against it.')}
${para('Fishermen in the lower villages moved their boats inland before the evening, and the ferry between the two banks stopped for the first time this year.')}
<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" alt="the quay">
${para('Officials said the water would fall again by Thursday, but warned that the embankments built after the last flood had not been tested by a tide this high.')}
</article></body></html>`;

let archive: Archive;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ archive, cleanup } = await tempArchive()));
afterAll(() => cleanup());

describe('import.page', () => {
  let id: string;
  it('extracts the article, keeps inlined images, adds the tags and the selection as a highlight', async () => {
    const out = await dispatch(archive, 'import.page', {
      url: 'https://news.example/delta?utm_source=x',
      title: 'River tides',
      html: PAGE,
      selection: 'the ferry between the two banks\n stopped',
      tags: ['floods'],
    });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.value).toMatchObject({
      title: 'River tides rise in the delta',
      kind: 'article',
      created: true,
      highlighted: true,
    });
    id = out.value.id;
    const view = archive.view(id);
    expect(view.tags).toEqual(['floods']);
    expect(view.highlights.map((h) => h.quote)).toEqual(['the ferry between the two banks stopped']);
    const content = await dispatch(archive, 'items.content', { id });
    expect(content.ok && content.value.html).toContain('src="data:image/png;base64,');
    const found = await dispatch(archive, 'search.query', { q: 'embankments' });
    expect(found.ok && found.value.hits.map((h) => h.id)).toContain(id);
  });

  it('never adds the same page twice: the new selection and tags go on the item it has', async () => {
    const before = archive.data.items.length;
    const out = await dispatch(archive, 'import.page', {
      url: 'https://news.example/delta',
      title: 'River tides',
      html: PAGE,
      selection: 'Fishermen in the lower villages',
      tags: ['delta'],
    });
    expect(out).toMatchObject({ ok: true, value: { id, created: false, highlighted: true } });
    expect(archive.data.items.length).toBe(before);
    expect(archive.view(id).tags.sort()).toEqual(['delta', 'floods']);
    expect(archive.view(id).highlights).toHaveLength(2);
    // The same selection again adds no second highlight.
    await dispatch(archive, 'import.page', {
      url: 'https://news.example/delta',
      title: 'x',
      html: PAGE,
      selection: 'Fishermen in the lower villages',
    });
    expect(archive.view(id).highlights).toHaveLength(2);
  });

  it('saves a bookmark only when asked, and a page with no article as a bookmark with the reason', async () => {
    const bookmark = await dispatch(archive, 'import.page', {
      url: 'https://news.example/other',
      title: 'Other',
      bookmarkOnly: true,
    });
    expect(bookmark).toMatchObject({
      ok: true,
      value: { kind: 'bookmark', title: 'Other', created: true, note: null },
    });
    const empty = await dispatch(archive, 'import.page', {
      url: 'https://news.example/empty',
      title: 'Empty',
      html: '<html><body><p>Hi</p></body></html>',
    });
    expect(empty).toMatchObject({ ok: true, value: { kind: 'bookmark', created: true } });
    expect(empty.ok && empty.value.note).toMatch(/no readable article/);
  });

  it('refuses a page without html, or from a scheme that is not the web', async () => {
    expect(await dispatch(archive, 'import.page', { url: 'https://news.example/x', title: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument' },
    });
    expect(await dispatch(archive, 'import.page', { url: 'file:///etc/passwd', title: 'x', html: PAGE })).toMatchObject(
      { ok: false, error: { code: 'invalid_argument' } },
    );
  });
});
