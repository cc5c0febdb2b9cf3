import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzerFor, SURFACE_MARK } from './analyzer';
import { Delta } from './delta';
import { item, metasOf, tempArchive, type TempArchive } from './test-fixtures';

describe('the delta', () => {
  let archive: TempArchive | null = null;
  afterEach(async () => {
    vi.restoreAllMocks();
    await archive?.cleanup();
    archive = null;
  });

  it("analyses changed items without filling the thread's shared word memo, and finds their words", async () => {
    const words = Array.from({ length: 200 }, (_, i) => `zorbulent${i.toString(36)}`);
    const edited = [
      item({ id: '00000000000000a1', title: 'An edited article', body: words.join(' ') }),
      item({ id: '00000000000000a2', title: 'Un article modifié', body: 'Les zorbulentes chantent.', language: 'fr' }),
    ];
    archive = await tempArchive(edited);
    const delta = new Delta(archive.contentDir);
    // The bodies are read from content/, as after a tag or note edit.
    for (const meta of metasOf(edited)) delta.change(meta);

    const shared = [analyzerFor('en'), analyzerFor('fr')].map((a) => vi.spyOn(a, 'word'));
    delta.analysePending();
    for (const spy of shared) expect(spy).not.toHaveBeenCalled();

    const seg = delta.segment(() => 0)!;
    const terms = new Set(seg.data.terms.split('\n'));
    expect(seg.size).toBe(2);
    for (const w of [words[0], words[199]]) expect(terms.has(`${SURFACE_MARK}en\u0001${w}`)).toBe(true);
    expect(terms.has(`${SURFACE_MARK}fr\u0001zorbulentes`)).toBe(true);
  });
});
