// The fixed query mix every engine answers: single terms, two terms, +must, -not, field
// queries, phrases, prefixes, fuzzy terms and filters, typed the way people search a news
// archive (topics, names, phrases; no log of real searches exists to copy). No query word is
// a stop word of any engine (queries.test.ts checks lunr's list, the only one that drops
// words); STOP_WORD_QUERIES are timed and counted apart, never in the mix's p50/p95.
// Each query is written once in Dossier's syntax and once as structure, from which each
// peer's own syntax is derived.

export interface Word {
  w: string;
  op?: 'must' | 'not';
  field?: 'title';
  prefix?: boolean;
  fuzzy?: number;
}

export interface Filter {
  tag?: string;
  year?: string;
  after?: string;
  source?: string;
}

export interface BenchQuery {
  kind: 'term' | 'two terms' | 'must' | 'not' | 'field' | 'phrase' | 'prefix' | 'fuzzy' | 'filter';
  /** As a Dossier user types it. */
  text: string;
  words: Word[];
  phrase?: string[];
  filter?: Filter;
}

const w = (s: string, o: Partial<Word> = {}): Word => ({ w: s, ...o });

export const QUERIES: BenchQuery[] = [
  { kind: 'term', text: 'economy', words: [w('economy')] },
  { kind: 'term', text: 'film', words: [w('film')] },
  { kind: 'term', text: 'broadband', words: [w('broadband')] },
  { kind: 'term', text: 'chelsea', words: [w('chelsea')] },
  { kind: 'term', text: 'blair', words: [w('blair')] },
  { kind: 'term', text: 'iraq', words: [w('iraq')] },
  { kind: 'two terms', text: 'oil prices', words: [w('oil'), w('prices')] },
  { kind: 'two terms', text: 'music award', words: [w('music'), w('award')] },
  { kind: 'two terms', text: 'mobile phone', words: [w('mobile'), w('phone')] },
  { kind: 'two terms', text: 'house prices', words: [w('house'), w('prices')] },
  { kind: 'must', text: '+bank +interest', words: [w('bank', { op: 'must' }), w('interest', { op: 'must' })] },
  {
    kind: 'must',
    text: '+election +labour tory',
    words: [w('election', { op: 'must' }), w('labour', { op: 'must' }), w('tory')],
  },
  { kind: 'not', text: 'music -band', words: [w('music'), w('band', { op: 'not' })] },
  { kind: 'field', text: 'title:film', words: [w('film', { field: 'title' })] },
  { kind: 'field', text: 'title:election', words: [w('election', { field: 'title' })] },
  { kind: 'phrase', text: '"prime minister"', words: [], phrase: ['prime', 'minister'] },
  { kind: 'phrase', text: '"interest rates"', words: [], phrase: ['interest', 'rates'] },
  { kind: 'phrase', text: '"world cup"', words: [], phrase: ['world', 'cup'] },
  { kind: 'phrase', text: '"gordon brown"', words: [], phrase: ['gordon', 'brown'] },
  { kind: 'prefix', text: 'elect*', words: [w('elect', { prefix: true })] },
  { kind: 'prefix', text: 'tech*', words: [w('tech', { prefix: true })] },
  { kind: 'prefix', text: 'gov*', words: [w('gov', { prefix: true })] },
  { kind: 'fuzzy', text: 'goverment~1', words: [w('goverment', { fuzzy: 1 })] },
  { kind: 'fuzzy', text: 'footbal~1', words: [w('footbal', { fuzzy: 1 })] },
  { kind: 'filter', text: 'tag:sport year:2020', words: [], filter: { tag: 'sport', year: '2020' } },
  { kind: 'filter', text: 'film after:2022', words: [w('film')], filter: { after: '2022' } },
  { kind: 'filter', text: 'source:Reuters market', words: [w('market')], filter: { source: 'reuters' } },
  { kind: 'filter', text: 'tag:business bank', words: [w('bank')], filter: { tag: 'business' } },
];

/** The first query of each kind whose first use is timed in a fresh process (cold start). */
export const COLD_KINDS = ['term', 'phrase', 'prefix', 'filter'] as const;

/**
 * Words on lunr's stop list, which Dossier drops and the peers match in nearly every
 * article: timed and counted on their own, so they cannot flatter (or sink) the mix.
 */
export const STOP_WORD_QUERIES: BenchQuery[] = [
  { kind: 'term', text: 'said', words: [w('said')] },
  { kind: 'two terms', text: 'what about tax', words: [w('what'), w('about'), w('tax')] },
];
