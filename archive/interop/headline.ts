// Writes a headline for a text that came without one, the way a desk editor would: from
// the lead sentence, naming who said what, with the trailing clauses dropped. Never
// returns the whole first sentence of a long lead, and never an empty string.

const MAX_LENGTH = 90;

/** Verbs that introduce reported speech in a news lead ("X has declared that ..."). */
const REPORTING = String.raw`(?:has |have |had )?(?:declared|said|says|stated|states|announced|announces|warned|warns|claimed|claims|argued|argues|insisted|insists|told|tells|noted|notes|emphasi[sz]ed|asserted|reported|reports|confirmed|confirms)`;

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  // A full stop ends a sentence unless it follows an initial or a common abbreviation.
  const match = flat.match(/^(.+?[.!?])(?=\s+[“"‘']?[\p{Lu}\p{N}]|$)/u);
  return (match ? match[1] : flat).replace(/[.!?]+$/, '').trim();
}

/** Drops a trailing participle or "as/while/amid" clause: ", coinciding with ...". */
function mainClause(sentence: string): string {
  return sentence
    .replace(
      /,\s+(?:\p{Ll}+ing|as|while|amid|after|before|despite|following|ahead|which|who|where|with|according|in a|in what)\b.*$/u,
      '',
    )
    .trim();
}

/** "China's Foreign Minister, Wang Yi," → "Wang Yi": the name in an appositive wins. */
function shortSubject(subject: string): string {
  const appositive = subject.match(/,\s*([^,]+?)\s*,?\s*$/);
  const name = appositive ? appositive[1] : subject;
  return name.replace(/^(?:the|a|an)\s+/i, '').trim();
}

/** "the relationship between China and Russia" → "China–Russia relationship". */
function compactPairs(text: string): string {
  return text.replace(
    /\b(?:the\s+)?(relationship|relations|ties|talks|trade|tensions|cooperation|rivalry)\s+between\s+(\p{Lu}[\p{L}-]+)\s+and\s+(\p{Lu}[\p{L}-]+)/gu,
    (_m, noun: string, x: string, y: string) => `${x}–${y} ${noun}`,
  );
}

function fit(text: string): string {
  if (text.length <= MAX_LENGTH) return text;
  const cut = text.slice(0, MAX_LENGTH);
  let atWord = cut.slice(0, cut.lastIndexOf(' '));
  // Do not end a headline on a word that needs a continuation.
  const dangling = /\s+(?:the|a|an|of|and|or|to|in|on|for|with|by|at|from|that|its|their|his|her|[\d$£€%.,()]+)$/i;
  while (dangling.test(atWord)) atWord = atWord.replace(dangling, '');
  return atWord.replace(/[,;:\-–—]+$/, '').trim();
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

export function headlineFor(text: string): string {
  const sentence = firstSentence(text);
  if (!sentence) return 'Untitled';
  const clause = mainClause(sentence);
  const reported = clause.match(new RegExp(String.raw`^(.{3,80}?)\s+${REPORTING}\s+(?:that\s+)?(.+)$`, 'u'));
  if (reported) {
    const claim = compactPairs(reported[2]).replace(/^(?:the|a|an)\s+/i, '');
    return fit(`${shortSubject(reported[1])} says ${claim}`);
  }
  return capitalise(fit(compactPairs(clause)));
}
