// What a query made of stop words means, and why a result is empty: a query of common words
// only ("The Who", "to be or not to be") is searched as those words side by side, and an empty
// result names the filter or the left-out common words that emptied it.

import { analyzerFor, isEnglishStopWord } from './analyzer';
import type { ItemPredicate } from './filters';
import { foldLower, lowerForm } from './normalize';
import type { Filter, ParsedQuery, WordClause } from './query-parser';

function isStopEverywhere(word: string, languages: string[]): boolean {
  const low = lowerForm(word);
  const folded = foldLower(low);
  return languages.every((l) => analyzerFor(l).isStop(low, folded));
}

/** An acronym typed in capitals is searched as itself, never as a stop word. */
function isAcronym(word: string): boolean {
  return word.length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase();
}

/**
 * When every word of the query is a stop word, the words become the query: one word is
 * searched as itself, several as a phrase. Returns true when stop words are to be searched.
 */
export function readStopWords(parsed: ParsedQuery, languages: string[], notices: string[]): boolean {
  const positive = parsed.clauses.filter((c) => c.presence !== 'prohibited');
  if (positive.length === 0) return false;
  const stop = (c: (typeof positive)[number]): c is WordClause =>
    c.kind === 'word' &&
    c.prefix !== 'explicit' &&
    c.editDistance === 0 &&
    !isAcronym(c.text) &&
    isStopEverywhere(c.text, languages);
  if (!positive.every(stop)) return false;
  const words = positive as WordClause[];
  for (const w of words) w.prefix = 'none';
  if (words.length === 1) return true;
  const text = words.map((w) => w.text).join(' ');
  parsed.clauses = [
    ...parsed.clauses.filter((c) => c.presence === 'prohibited'),
    { kind: 'phrase', text, presence: 'required', compound: false, qpos: words[0].qpos },
  ];
  notices.push(`“${text}” is made only of common words, so it was searched as a phrase.`);
  return true;
}

function label(f: Filter): string {
  return `${f.negate ? '-' : ''}${f.key}:${/\s/.test(f.value) ? `"${f.value}"` : f.value}`;
}

/** Adds a sentence saying what emptied a result: a filter, or common words left out. */
export function explainEmpty(
  parsed: ParsedQuery,
  filters: Filter[],
  textMatches: number,
  notices: string[],
  compileOne: (f: Filter) => ItemPredicate | null,
  textNos: () => number[],
): void {
  if (filters.length > 0 && textMatches !== 0) {
    const nos = textNos();
    if (nos.length > 0) {
      const words = parsed.clauses.length > 0;
      for (const f of filters) {
        const t = compileOne(f);
        if (!t) continue;
        if (!nos.some((no) => (f.negate ? !t(no) : t(no)))) {
          notices.push(
            words
              ? `None of the ${nos.length} items matching the words passes the filter ${label(f)}.`
              : `No item passes the filter ${label(f)}.`,
          );
          return;
        }
      }
      notices.push(`Each filter leaves some of the ${nos.length} matches, but no item passes all of them together.`);
      return;
    }
  }
  const phrases = parsed.clauses.filter((c) => c.kind === 'phrase' && !c.compound && c.presence === 'required');
  if (textMatches === 0 && phrases.length > 0) {
    notices.push(
      `No item has ${phrases.map((c) => `“${(c as { text: string }).text}”`).join(' and ')} with its words side by side.`,
    );
    return;
  }
  const dropped = parsed.clauses.filter(
    (c) =>
      c.kind === 'word' &&
      c.presence !== 'prohibited' &&
      c.prefix !== 'explicit' &&
      isEnglishStopWord(foldLower(lowerForm(c.text))) &&
      !isAcronym(c.text),
  );
  if (dropped.length > 0) {
    const list = dropped.map((c) => `“${(c as WordClause).text}”`).join(', ');
    notices.push(
      `${list} ${dropped.length === 1 ? 'was' : 'were'} left out as too common to search; no item has the other words.`,
    );
  }
}
