// Items read back from dossier.json share the values JSON.parse gave each a copy of, say the
// same as before, and still take every change. Real archive, real files in a temp folder.

import { describe, expect, it } from 'vitest';
import { Archive } from './archive';
import { addItem, markRead, updateItem } from './items';
import { tagItem, untagItem } from './tagging';
import { draft, tempArchive } from './test-archive';

describe('items read back from disk', () => {
  it('share their empty image lists and content flags, say the same, and still take changes', async () => {
    const { archive, dir, cleanup } = await tempArchive({ seeded: false });
    const a = await addItem(
      archive,
      draft('Harbour report', 'The harbour pilots reported calm water.', { tags: ['Sea'] }),
    );
    const b = await addItem(
      archive,
      draft('Ferry timetable', 'A ferry leaves the harbour every hour.', { tags: ['Sea'] }),
    );
    const c = await addItem(
      archive,
      draft('Mountain pass', 'Snow closed the pass.', { html: '<p>Snow closed the pass.</p>' }),
    );
    // Two tags, and one tag spelled as the JSON of those two: lists that must stay apart.
    const d = await addItem(archive, draft('Two tags', 'First text.', { tags: ['a', 'b'] }));
    const e = await addItem(archive, draft('One odd tag', 'Second text.', { tags: ['["a","b"]'] }));
    const saved = JSON.stringify(archive.data.items);
    await archive.close();

    const reopened = await Archive.open(dir);
    try {
      const [ia, ib, ic] = [a, b, c].map((id) => reopened.item(id));
      expect(JSON.stringify(reopened.data.items)).toBe(saved);
      expect(ia.assets).toBe(ib.assets);
      expect(ia.tags).toBe(ib.tags);
      expect(ic.tags).not.toBe(ia.tags);
      expect(reopened.item(d).tags).toEqual(['a', 'b']);
      expect(reopened.item(e).tags).toEqual(['["a","b"]']);
      expect(ia.content).toBe(ib.content);
      expect(ic.content).not.toBe(ia.content);
      expect(Object.isFrozen(ia.content) && Object.isFrozen(ia.assets)).toBe(true);

      // Changes give an item values of its own; the others keep theirs.
      updateItem(reopened, a, { title: 'Harbour report, updated' });
      markRead(reopened, b, true);
      tagItem(reopened, a, ['Harbours']);
      untagItem(reopened, b, ['Sea']);
      expect(reopened.item(a).title).toBe('Harbour report, updated');
      expect(reopened.item(a).updated).not.toBe(reopened.item(a).added);
      expect(reopened.item(b).readAt).not.toBeNull();
      expect(reopened.item(a).tags).toEqual(['Sea', 'Harbours']);
      expect(reopened.item(b).tags).toEqual([]);
      expect(reopened.item(c).title).toBe('Mountain pass');
      await reopened.flush();
    } finally {
      await reopened.close();
      await cleanup();
    }
  });
});
