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
    const delta = new Delta(archive.contentDir, 300);
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

  it('keeps the bodies of a few pending changes and lets every one go past its limit, as content/ holds them', async () => {
    const edited = Array.from({ length: 4 }, (_, i) =>
      item({ id: `00000000000000b${i}`, title: `Item ${i}`, body: `quillwort number ${i}` }),
    );
    archive = await tempArchive(edited);
    const delta = new Delta(archive.contentDir, 3);
    const given = (k: number) => ({ ...metasOf([edited[k]])[0], body: edited[k].body });
    const bodies = () => [...delta.pending.values()].map((d) => d.body);
    for (let k = 0; k < 3; k++) delta.change(given(k));
    // At the limit, a second change to a pending item adds none.
    delta.change(given(1));
    expect(bodies()).toEqual(edited.slice(0, 3).map((e) => e.body));
    delta.change(given(3));
    expect(bodies()).toEqual([undefined, undefined, undefined, undefined]);

    // Analysed from their files, they are found all the same.
    delta.analysePending();
    const terms = delta.segment(() => 0)!.data.terms.split('\n');
    expect(terms.filter((t) => t.endsWith('quillwort')).length).toBeGreaterThan(0);
    expect(delta.body(edited[3].id)).toBe(edited[3].body);

    // Once taken in, a few changes keep their bodies again.
    delta.change(given(0));
    expect(bodies()).toEqual([edited[0].body]);
  });
});
