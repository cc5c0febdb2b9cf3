// Search finds what a reader means: as-you-type prefixes, real-world words, languages kept
// apart, stop words and acronyms, ranking, typos, empty results explained, bookmarks, and an
// index format every host reads. Real engine, real files in temp folders.

import { afterEach, describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openSearchIndex } from './index';
import { item, metasOf, tempArchive, type Fixture, type TempArchive } from './test-fixtures';
import type { SearchIndex } from './types';

let arch: TempArchive | null = null;
let open: SearchIndex[] = [];
afterEach(async () => {
  for (const i of open) await i.close();
  open = [];
  await arch?.cleanup();
  arch = null;
});

async function openWith(items: Fixture[]): Promise<SearchIndex> {
  arch = await tempArchive(items);
  const idx = await openSearchIndex({ dir: arch.dir, contentDir: arch.contentDir, metas: metasOf(items) });
  open.push(idx);
  return idx;
}
const ids = async (idx: SearchIndex, q: string) => (await idx.query({ q, limit: 50 })).hits.map((h) => h.id);

const NEWS: Fixture[] = [
  item({
    id: 'diplo',
    title: 'Envoys meet',
    body: 'A diplomatic row broke out between the two capitals over trade.',
    published: '2024-01-02',
  }),
  item({
    id: 'britain',
    title: 'Exports rise',
    body: "Britain's exports rose sharply, said the Treasury.",
    published: '2024-01-03',
  }),
  item({
    id: 'tax',
    title: 'Tax rise',
    body: 'The tax on fuel will rise in April, the government said.',
    published: '2024-01-04',
  }),
  item({
    id: 'taxi',
    title: 'Cab drivers protest',
    body: 'Taxi drivers protested in the capital against new licences.',
    published: '2024-01-05',
  }),
  item({
    id: 'who',
    title: 'The Who play Hyde Park',
    body: 'The Who played their hits to a crowd of thousands.',
    published: '2024-01-06',
  }),
  item({
    id: 'many',
    title: 'Who knows',
    body: 'Many people who came said they did not know who played.',
    published: '2024-01-07',
  }),
  item({
    id: 'takethat',
    title: 'Take That reunion tour',
    body: 'Take That announced a tour. Fans rushed to buy tickets.',
    published: '2024-01-08',
  }),
  item({
    id: 'take',
    title: 'Take a break',
    body: 'Doctors say you should take a walk every day.',
    published: '2024-01-09',
  }),
  item({
    id: 'us',
    title: 'US trade deficit widens',
    body: 'The US deficit grew as imports rose.',
    published: '2024-01-10',
  }),
  item({ id: 'usall', title: 'Tell us your views', body: 'Write to us with your stories.', published: '2024-01-11' }),
  item({
    id: 'zurich',
    title: 'Bank results',
    body: 'The bank, based in Zürich, reported results at 10:30 on 2024/10/06; growth was 3.5 per cent.',
    published: '2024-01-12',
  }),
  item({ id: 'cafe1', title: 'A café in Paris', body: 'The café opened in spring.', published: '2024-01-13' }),
  item({ id: 'cafe2', title: 'A cafe in Leeds', body: 'The cafe opened in spring.', published: '2024-01-14' }),
  item({
    id: 'art',
    title: 'Gallery',
    body: 'A state-of-the-art gallery opened. Re:budget notes at bbc.co.uk and https://www.example.org/news/gallery-plan.',
    published: '2024-01-15',
  }),
  item({
    id: 'scatter',
    title: 'Long report',
    body: 'The state said work continues. ' + 'filler words here. '.repeat(30) + 'Art lovers came.',
    published: '2024-01-16',
  }),
  item({
    id: 'gov',
    title: 'Government plans',
    body: 'The government unveiled its plans for schools.',
    published: '2024-01-17',
  }),
];

describe('as you type', () => {
  it('matches the last word as a prefix of words as written, whole words first', async () => {
    const idx = await openWith(NEWS);
    expect(await ids(idx, 'diplom')).toEqual(['diplo']);
    expect((await ids(idx, 'tax'))[0]).toBe('tax');
    expect(await ids(idx, 'tax')).toContain('taxi');
    expect(await ids(idx, 'tax ')).toEqual(['tax']);
    expect(await ids(idx, 'diplomati*')).toEqual(['diplo']);
    expect(await ids(idx, 'state-of*')).toEqual(['art']);
  });
});

describe('real-world words', () => {
  it('finds possessives, accents both ways, times, decimals, dates, domains and addresses', async () => {
    const idx = await openWith(NEWS);
    expect(await ids(idx, 'Britain ')).toEqual(['britain']);
    expect(await ids(idx, 'Zurich')).toEqual(['zurich']);
    expect(await ids(idx, '10:30')).toEqual(['zurich']);
    expect(await ids(idx, '3.5')).toEqual(['zurich']);
    expect(await ids(idx, '2024/10/06')).toEqual(['zurich']);
    expect(await ids(idx, 'bbc.co.uk')).toEqual(['art']);
    expect(await ids(idx, 'Re:budget')).toEqual(['art']);
    expect(await ids(idx, 'example.org')).toEqual(['art']);
    expect(await ids(idx, 'https://www.example.org/news/gallery-plan')).toEqual(['art']);
  });

  it('ranks the exact accented form first, and finds the other form too', async () => {
    const idx = await openWith(NEWS);
    expect(await ids(idx, 'café ')).toEqual(['cafe1', 'cafe2']);
    expect((await ids(idx, 'cafe ')).sort()).toEqual(['cafe1', 'cafe2']);
  });

  it('matches a hyphenated word as adjacent words, not as an OR of its parts', async () => {
    const idx = await openWith(NEWS);
    expect(await ids(idx, 'state-of-the-art')).toEqual(['art']);
    expect(await ids(idx, 'stateoftheart')).toEqual(['art']);
  });

  it('reads a spaced dash as punctuation, not as NOT', async () => {
    const idx = await openWith(NEWS);
    expect((await ids(idx, 'drivers - taxi')).sort()).toEqual(['taxi']);
  });

  it('finds stop-word queries and acronyms by their exact words', async () => {
    const idx = await openWith(NEWS);
    const who = await idx.query({ q: 'The Who' });
    expect(who.hits.map((h) => h.id)).toEqual(['who']);
    expect(who.notice).toMatch(/common words/);
    expect(await ids(idx, '"Take That"')).toEqual(['takethat']);
    expect(await ids(idx, 'US')).toEqual(['us']);
    expect(await ids(idx, 'WHO')).toEqual([]);
    const hamlet = await idx.query({ q: 'to be or not to be' });
    expect(hamlet.total).toBe(0);
    expect(hamlet.notice).toMatch(/side by side/);
  });

  it('finds a single CJK character inside longer words', async () => {
    const idx = await openWith([item({ id: 'zh', title: '中国经济', body: '两国贸易持续增长。' })]);
    expect(await ids(idx, '贸')).toEqual(['zh']);
  });
});

describe('languages kept apart', () => {
  const EN: Fixture[] = [
    item({ id: 'china', title: 'China trade grows', body: 'China exported more goods to Europe this year.' }),
    item({ id: 'chin', title: 'Boxer hurt', body: 'The boxer took a blow to the chin and a cut to the chin.' }),
    item({ id: 'rates', title: 'Interest rate held', body: 'The bank kept the interest rate at 4%.' }),
    item({
      id: 'rats',
      title: 'Rats in the city',
      body: 'The city has more rats than people, and they rate highly in surveys of interest.',
    }),
  ];
  const FR: Fixture[] = [
    item({
      id: 'fr1',
      title: 'Le projet de loi sur le renseignement approuvé à l’Assemblée',
      body: 'La Chine et le menton du boxeur. Les députés ont voté le projet de loi.',
      language: 'fr',
    }),
    item({
      id: 'fr2',
      title: 'Taux d’intérêt',
      body: 'La banque centrale a maintenu ses taux. Les rats de la ville.',
      language: 'fr',
    }),
  ];

  it('never changes English rankings when foreign items join, and finds French phrases and elided words', async () => {
    const idx = await openWith([...EN, ...FR]);
    const en = await tempArchive(EN);
    const only = await openSearchIndex({ dir: en.dir, contentDir: en.contentDir, metas: metasOf(EN) });
    try {
      for (const q of ['China', 'interest rate', 'rats', 'chin', 'the rate']) {
        const mixed = (await idx.query({ q })).hits.filter((h) => !h.id.startsWith('fr'));
        const alone = (await only.query({ q })).hits;
        expect(
          mixed.map((h) => [h.id, h.score]),
          q,
        ).toEqual(alone.map((h) => [h.id, h.score]));
      }
      expect(await ids(idx, '"projet de loi"')).toEqual(['fr1']);
      expect(await ids(idx, 'Assemblée')).toEqual(['fr1']);
      expect(await ids(idx, 'assemblee')).toEqual(['fr1']);
    } finally {
      await only.close();
      await en.cleanup();
    }
  });
});

describe('ranking', () => {
  it('counts a tag twice a body word, ranks adjacent words first, and breaks ties by date', async () => {
    const items = [
      item({
        id: 'tagged',
        title: 'Mobile networks',
        body: 'Operators upgraded their networks.',
        tags: ['telecoms'],
        published: '2020-01-01',
      }),
      ...Array.from({ length: 8 }, (_, i) =>
        item({
          id: `b${i}`,
          title: `Story ${i}`,
          body: `A long story that mentions telecoms once among many other words number ${i}.`,
          published: `2021-01-0${i + 1}`,
        }),
      ),
    ];
    const idx = await openWith(items);
    expect((await ids(idx, 'telecoms '))[0]).toBe('tagged');
    const ties = (await ids(idx, 'story ')).filter((id) => id.startsWith('b'));
    expect(ties).toEqual(['b7', 'b6', 'b5', 'b4', 'b3', 'b2', 'b1', 'b0']);
  });

  it('ranks an item where the query words stand together above one where they are scattered', async () => {
    const idx = await openWith(NEWS);
    const r = await ids(idx, 'state art ');
    expect(r.indexOf('art')).toBeLessThan(r.indexOf('scatter'));
  });
});

describe('when nothing matches', () => {
  it('retries a misspelt query and says what it showed', async () => {
    const idx = await openWith(NEWS);
    const r = await idx.query({ q: 'goverment' });
    expect(r.hits.map((h) => h.id).sort()).toEqual(['gov', 'tax']);
    expect(r.notice).toMatch(/Showing results for “government”/);
  });

  it('names the filter that emptied the result', async () => {
    const idx = await openWith(NEWS);
    const r = await idx.query({ q: 'taxi tag:nosuch' });
    expect(r.total).toBe(0);
    expect(r.notice).toMatch(/tag:nosuch/);
  });
});

describe('bookmarks and the index format', () => {
  it('gives a bookmark a snippet from its description and finds it by its address', async () => {
    const bm = item({
      id: 'bm',
      kind: 'bookmark',
      title: 'Rail timetable',
      body: '',
      url: 'https://trains.example.com/timetable',
      excerpt: 'Departures and arrivals for every station.',
    });
    const idx = await openWith([bm]);
    const r = await idx.query({ q: 'trains.example.com' });
    expect(r.hits[0].id).toBe('bm');
    expect((await idx.query({ q: 'departures' })).hits[0].snippet).toMatch(/Departures and arrivals/);
    expect((await idx.query({ q: '' })).hits[0].snippet).toMatch(/Departures/);
  });

  it('writes its own versioned format (no v8 serialisation) and rebuilds an index of another version politely', async () => {
    const idx = await openWith(NEWS);
    await idx.flush();
    const names = await readdir(arch!.dir);
    const seg = names.find((n) => n.endsWith('.seg'))!;
    expect((await readFile(path.join(arch!.dir, seg))).subarray(0, 16).toString('latin1')).toBe('DOSSIER-SEGMENT\n');
    const manifest = JSON.parse(await readFile(path.join(arch!.dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'dossier-index', version: expect.any(Number) });
    await idx.close();
    open = [];
    await writeFile(path.join(arch!.dir, 'manifest.json'), JSON.stringify({ ...manifest, version: 3 }));
    const again = await openSearchIndex({ dir: arch!.dir, contentDir: arch!.contentDir, metas: metasOf(NEWS) });
    open.push(again);
    const r = await again.query({ q: 'taxi' });
    expect(r.hits[0].id).toBe('taxi');
    expect(r.notice).toMatch(/another version of Dossier/);
  });
});

describe('related items', () => {
  it('lists each shared word once per stem and no stop words, in any language', async () => {
    const fr = [
      item({
        id: 'f1',
        title: 'Le budget de la défense',
        body: 'Le gouvernement veut donner plus de moyens à la défense. Dans ce cas, le budget de la défense augmente d’un tiers.',
        language: 'fr',
      }),
      item({
        id: 'f2',
        title: 'Défense: le budget voté',
        body: 'Les députés ont voté le budget de la défense. Dans ce cas, il faut donner d’un coup les moyens.',
        language: 'fr',
      }),
      item({
        id: 'e1',
        title: "China's exports",
        body: "China's exports to China's neighbours rose. China trades more.",
        language: 'en',
      }),
      item({ id: 'e2', title: 'China trade', body: 'Trade with China rose; China exports grew.', language: 'en' }),
    ];
    const idx = await openWith(fr);
    const [r] = await idx.related('f1', { exclude: [], limit: 1 });
    expect(r.id).toBe('f2');
    expect(r.terms).toContain('budget');
    for (const stop of ['donner', 'cas', 'd’un', 'un', 'de', 'la']) expect(r.terms).not.toContain(stop);
    const [e] = await idx.related('e1', { exclude: [], limit: 1 });
    expect(e.id).toBe('e2');
    expect(e.terms.filter((t) => t.startsWith('china'))).toHaveLength(1);
  });
});
