// Reads what the user typed: filters (tag:, source:, kind:, before:, after:, year:, has:, is:),
// quoted phrases, then lunr's own syntax for the rest. Never throws: text lunr cannot parse
// is read as plain words, and the result says so.

import lunr from 'lunr';
import { FIELDS, FIELD_INDEX, type FieldName } from './fields';
import { splitCjk } from './analyzer';

export type Presence = 'optional' | 'required' | 'prohibited';

export interface TermClause {
  kind: 'term';
  /** Lowercased as typed; may hold `*` wildcards. */
  term: string;
  fields: number[];
  presence: Presence;
  boost: number;
  editDistance: number;
  /** False for wildcard terms, which match index terms as typed. */
  usePipeline: boolean;
}

export interface PhraseClause {
  kind: 'phrase';
  /** Lowercased raw words in order. */
  words: string[];
  presence: 'required' | 'prohibited';
}

export type Clause = TermClause | PhraseClause;

export type FilterKey = 'tag' | 'source' | 'kind' | 'before' | 'after' | 'year' | 'has' | 'is' | 'sort';

export interface Filter {
  key: FilterKey;
  value: string;
  negate: boolean;
}

export interface ParsedQuery {
  clauses: Clause[];
  filters: Filter[];
  parsedAs: 'query' | 'plain';
  notices: string[];
}

const FILTER = /(^|\s)(-?)(tag|source|kind|before|after|year|has|is|sort):(?:"([^"]*)"|(\S+))/gi;
const PHRASE = /(^|\s)([+-]?)"([^"]*)"/g;
// @types/lunr omits the parser and clause presence, which lunr 2.3.9 has.
interface LunrClause {
  term: string;
  fields?: string[];
  boost?: number;
  editDistance?: number;
  presence?: number;
}
const QueryParser = (lunr as unknown as { QueryParser: new (s: string, q: lunr.Query) => { parse(): void } }).QueryParser;

const PRESENCE: Record<number, Presence> = { 1: 'optional', 2: 'required', 3: 'prohibited' };
const ALL_FIELDS = FIELDS.map((_, i) => i);

export function parseQuery(input: string): ParsedQuery {
  const filters: Filter[] = [];
  const notices: string[] = [];
  let rest = input.replace(FILTER, (_m, lead: string, neg: string, key: string, quoted?: string, bare?: string) => {
    filters.push({ key: key.toLowerCase() as FilterKey, value: (quoted ?? bare ?? '').trim(), negate: neg === '-' });
    return lead + ' ';
  });

  const clauses: Clause[] = [];
  rest = rest.replace(PHRASE, (_m, lead: string, sign: string, text: string) => {
    const words = splitWords(text);
    if (words.length === 1) {
      clauses.push(termClause(words[0], sign === '-' ? 'prohibited' : 'required'));
    } else if (words.length > 1) {
      clauses.push({ kind: 'phrase', words, presence: sign === '-' ? 'prohibited' : 'required' });
    }
    return lead + ' ';
  });

  // lunr's lexer splits only on whitespace and hyphens; the index also splits on dashes.
  const text = rest.replace(/[\u2013\u2014]/g, ' ').trim();
  if (!text) return { clauses, filters, parsedAs: 'query', notices };
  try {
    const q = new lunr.Query(FIELDS as unknown as string[]);
    new QueryParser(text, q).parse();
    for (const c of q.clauses as unknown as LunrClause[]) {
      if (!c.term) continue;
      const wildcard = c.term.includes('*');
      // A CJK word stands for its bigrams, each a clause of its own (see analyzer.ts).
      for (const term of wildcard ? [c.term] : splitCjk(c.term)) {
        clauses.push({
          kind: 'term',
          term: term.toLowerCase(),
          fields: (c.fields ?? FIELDS).map((f) => FIELD_INDEX[f as FieldName]).filter((i) => i !== undefined),
          presence: PRESENCE[c.presence ?? 1] ?? 'optional',
          boost: typeof c.boost === 'number' && Number.isFinite(c.boost) ? c.boost : 1,
          editDistance: Math.min(Math.max(c.editDistance ?? 0, 0), 2),
          usePipeline: !wildcard,
        });
      }
    }
    return { clauses, filters, parsedAs: 'query', notices };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    for (const w of splitWords(text)) clauses.push(termClause(w, 'optional'));
    notices.push(`“${text}” could not be read as a search query (${why}), so it was searched as plain words.`);
    return { clauses, filters, parsedAs: 'plain', notices };
  }
}

function termClause(term: string, presence: Presence): TermClause {
  return { kind: 'term', term, fields: ALL_FIELDS, presence, boost: 1, editDistance: 0, usePipeline: true };
}

/** Words as lunr's tokenizer splits them, lowercased, with query syntax characters removed. */
export function splitWords(text: string): string[] {
  return text
    .split(/[\s\-\u2013\u2014\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+/)
    .map((w) => w.replace(/[*:^~+"]/g, '').toLowerCase())
    .flatMap(splitCjk)
    .filter((w) => w.length > 0);
}
