// One test per normalisation rule: each shows the index terms a piece of text gives, since
// index and query go through the same analysis (analyzer.ts, normalize.ts).

import { describe, expect, it } from 'vitest';
import {
  analyzerFor,
  bareTerm,
  eachToken,
  EXACT,
  STEM,
  STOP,
  SURFACE,
  UNI,
  UPPER,
  WHOLE,
  type TermKind,
} from './analyzer';
import { fold } from './normalize';
import { plainWord, parseQuery } from './query-parser';

/** The terms of `text` as [kind, bare term, position], in order. */
function terms(text: string, lang = 'en'): Array<[string, string, number]> {
  const names: Record<TermKind, string> = {
    0: 'stem',
    1: 'stop',
    2: 'surface',
    3: 'exact',
    4: 'upper',
    5: 'whole',
    6: 'uni',
  };
  const out: Array<[string, string, number]> = [];
  eachToken(text, analyzerFor(lang), (k, t, _s, _e, p) => out.push([names[k], bareTerm(t), p]));
  return out;
}
const of = (text: string, kind: TermKind, lang = 'en'): string[] => {
  const out: string[] = [];
  eachToken(text, analyzerFor(lang), (k, t) => {
    if (k === kind) out.push(bareTerm(t));
  });
  return out;
};

describe('normalisation', () => {
  it('applies NFKC: full-width letters and ligatures read as plain letters', () => {
    expect(fold('ＡＢＣ')).toBe('abc');
    expect(of('ﬁnance', STEM)).toEqual(of('finance', STEM));
  });

  it('folds case and diacritics, and keeps the accented form for exact ranking', () => {
    for (const [a, b] of [
      ['Zürich', 'Zurich'],
      ['café', 'cafe'],
      ['Māori', 'maori'],
      ['élection', 'election'],
      ['Straße', 'strasse'],
      ['Øre', 'ore'],
    ]) {
      expect(of(a, STEM)).toEqual(of(b, STEM));
    }
    expect(of('café', EXACT)).toEqual(['café']);
    expect(of('cafe', EXACT)).toEqual([]);
  });

  it('keeps marks that change a letter in other scripts (Japanese voicing)', () => {
    expect(fold('が')).not.toBe(fold('か'));
  });

  it('reads straight and curly apostrophes as one, and folds English possessives into the word', () => {
    expect(of('Britain’s', STEM)).toEqual(of('Britain', STEM));
    expect(of("Britain's", STEM)).toEqual(of('Britain', STEM));
    expect(of('China’s', SURFACE)).toEqual(['china']);
    expect(of("don't", STEM)).toEqual(of('don’t', STEM));
  });

  it('splits elisions (l’, d’, qu’, dell’) off as stop words', () => {
    expect(terms('l’Assemblée', 'fr').filter(([k]) => k === 'stop' || k === 'stem')).toEqual([
      ['stop', 'l', 0],
      ['stem', of('Assemblée', STEM, 'fr')[0], 1],
    ]);
    expect(of("qu'il", STOP, 'fr')).toContain('qu');
    expect(of('dell’Italia', STEM, 'it')).toEqual(of('Italia', STEM, 'it'));
  });

  it('indexes a hyphenated word as its parts side by side and as the joined word', () => {
    const t = terms('state-of-the-art');
    expect(t.filter(([k]) => k === 'stem' || k === 'stop').map(([, w, p]) => [w, p])).toEqual([
      ['state', 0],
      ['of', 1],
      ['the', 2],
      ['art', 3],
    ]);
    expect(of('e-mail', WHOLE)).toEqual(of('email', STEM));
  });

  it('keeps times, decimals and dates whole', () => {
    expect(of('at 10:30 today', STEM)).toContain('10:30');
    expect(of('rose 3.5%', STEM)).toContain('3.5');
    expect(of('on 2024/10/06', STEM)).toContain('2024/10/06');
    expect(of('on 2024-10-06', STEM)).toContain('2024-10-06');
  });

  it('makes domains and web addresses findable whole and by their parts', () => {
    expect(of('see bbc.co.uk now', WHOLE)).toEqual(['bbc.co.uk']);
    const url = terms('https://www.bbc.co.uk/news/business-123');
    expect(url.filter(([k]) => k === 'stem').map(([, w]) => w)).toEqual(
      expect.arrayContaining(of('bbc co uk news', STEM)),
    );
    expect(of('Re:budget', WHOLE)).toEqual(['re:budget']);
  });

  it('reads U.S. as the acronym US, and keeps capital stop words as acronyms', () => {
    expect(of('U.S. talks', UPPER)).toEqual(['US']);
    expect(of('the WHO said', UPPER)).toEqual(['WHO']);
    expect(of('who said', UPPER)).toEqual([]);
    expect(of('who', STOP)).toEqual(['who']);
  });

  it('indexes CJK runs as bigrams and each character', () => {
    expect(of('中国人', STEM)).toEqual(['中国', '国人']);
    expect(of('中国人', UNI)).toEqual(['中', '国', '人']);
  });

  it('keeps languages apart: the same word gets its own language’s namespace', () => {
    const en: string[] = [];
    const fr: string[] = [];
    eachToken('China', analyzerFor('en'), (k, t) => k === STEM && en.push(t));
    eachToken('China', analyzerFor('fr'), (k, t) => k === STEM && fr.push(t));
    expect(en[0]).not.toBe(fr[0]);
  });
});

describe('query syntax', () => {
  it('reads - and + as operators only at the start of a word', () => {
    const q = parseQuery('schemes - DDC');
    expect(q.clauses.map((c) => c.presence)).toEqual(['optional', 'optional']);
    expect(q.notices.join(' ')).toMatch(/dash between spaces/);
    expect(parseQuery('music -band').clauses.map((c) => c.presence)).toEqual(['optional', 'prohibited']);
    expect(parseQuery('+bank interest').clauses.map((c) => c.presence)).toEqual(['required', 'optional']);
  });

  it('reads a long pasted passage as words, with a notice when it held syntax', () => {
    const q = parseQuery('He said "we will not" - and +then the minister left the room');
    expect(q.parsedAs).toBe('plain');
    expect(q.clauses.every((c) => c.kind === 'word' && c.presence === 'optional')).toBe(true);
    expect(q.notices.join(' ')).toMatch(/plain words/);
  });

  it('matches the last word as typed as a prefix, unless a space ends it', () => {
    expect(parseQuery('diplom').clauses[0]).toMatchObject({ prefix: 'last' });
    expect(parseQuery('diplom ').clauses[0]).toMatchObject({ prefix: 'none' });
    expect(parseQuery('elect*').clauses[0]).toMatchObject({ prefix: 'explicit' });
  });

  it('reads a compound as a phrase of its parts', () => {
    expect(parseQuery('state-of-the-art').clauses[0]).toMatchObject({ kind: 'phrase', compound: true });
    expect(plainWord("Britain's")).toBe('Britain');
    expect(plainWord('U.S.')).toBe(null);
    expect(plainWord('U.S')).toBe('US');
    expect(parseQuery('10:30').clauses[0]).toMatchObject({ kind: 'phrase', text: '10:30' });
  });
});
