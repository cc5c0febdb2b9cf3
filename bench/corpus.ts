// Builds the benchmark's corpora deterministically from ../shared/corpora/news/bbc.jsonl:
// article i takes its title and opening from one real article and its remaining sentences
// from other real articles of the same section, chosen by a seeded generator, until it
// reaches about 400 words. Same size, same corpus, every run; nothing is copied into the repo.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchDoc {
  id: string;
  title: string;
  body: string;
  tags: string[];
  source: string;
  published: string;
  notes: string;
  unread: boolean;
}

export const BBC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/corpora/news/bbc.jsonl');
export const bbcAvailable = (): boolean => existsSync(BBC);

/** mulberry32: a small, well-mixed 32-bit generator, so corpora are identical everywhere. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Source {
  title: string;
  section: string;
  sentences: string[];
}

const SOURCES = ['BBC News', 'BBC Sport', 'Reuters', 'MENAFN', 'Associated Press'];
const EXTRA_TAGS = [
  'Europe',
  'Asia',
  'Markets',
  'Elections',
  'Football',
  'Music',
  'Mobile',
  'Film',
  'Trade',
  'Energy',
  'China–Russia',
];

export function makeCorpus(size: number, seed = 42): BenchDoc[] {
  const raw = readFileSync(BBC, 'utf8').split('\n').filter(Boolean);
  const sources: Source[] = raw.map((line) => {
    const a = JSON.parse(line) as { id: string; title: string; body: string; category?: string };
    const sentences = a.body
      .replace(/\s+/g, ' ')
      .split(/(?<=[.!?]["”]?)\s+(?=[A-Z"“])/)
      .map((s) => s.trim())
      .filter((s) => s.length > 20);
    return { title: a.title, section: a.category ?? a.id.split('-')[1] ?? 'news', sentences };
  });
  const bySection = new Map<string, Source[]>();
  for (const s of sources) {
    if (!bySection.has(s.section)) bySection.set(s.section, []);
    bySection.get(s.section)!.push(s);
  }
  const rand = rng(seed);
  // A seeded shuffle, so every prefix of the corpus mixes all five sections.
  const order = sources.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const docs: BenchDoc[] = [];
  const start = Date.UTC(2015, 0, 1);
  const span = Date.UTC(2025, 11, 31) - start;
  for (let i = 0; i < size; i++) {
    const main = sources[order[i % order.length]];
    const peers = bySection.get(main.section)!;
    const parts: string[] = [];
    let words = 0;
    // The opening three sentences of the main article, then sentences from its section.
    for (const s of main.sentences.slice(0, 3)) {
      parts.push(s);
      words += s.split(' ').length;
    }
    while (words < 400) {
      const s = pick(pick(peers).sentences) ?? pick(main.sentences);
      if (!s) break;
      parts.push(s);
      words += s.split(' ').length;
    }
    const paragraphs: string[] = [];
    for (let p = 0; p < parts.length; p += 4) paragraphs.push(parts.slice(p, p + 4).join(' '));
    const tags = [main.section[0].toUpperCase() + main.section.slice(1)];
    if (rand() < 0.5) tags.push(pick(EXTRA_TAGS));
    docs.push({
      id: `b${i.toString(36).padStart(5, '0')}`,
      title: main.title,
      body: paragraphs.join('\n\n'),
      tags: [...new Set(tags)],
      source: pick(SOURCES),
      published: new Date(start + Math.floor(rand() * span)).toISOString().slice(0, 10),
      notes: rand() < 0.05 ? (pick(pick(peers).sentences) ?? '') : '',
      unread: rand() < 0.3,
    });
  }
  return docs;
}

/** A new article for "time until searchable": real sentences plus one word no corpus has. */
export function newArticle(k: number): BenchDoc {
  return {
    id: `new${k}`,
    title: `Quokkaville${k} council approves harbour plan`,
    body: `The council of Quokkaville${k} approved the new harbour plan on Monday. Officials said work would start in the spring.`,
    tags: ['Local'],
    source: 'BBC News',
    published: '2026-01-01',
    notes: '',
    unread: true,
  };
}
