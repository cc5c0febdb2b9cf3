// Splits a command line into positional words and --options. Options that take a value
// are declared; any other --word is a flag. An unknown option is a usage error, not a guess.

export class UsageError extends Error {}

const VALUED = new Set([
  'archive',
  'label',
  'format',
  'out',
  'scope',
  'sort',
  'limit',
  'offset',
  'port',
  'clipper-port',
  'title',
  'kind',
  'source',
  'published',
  'url',
  'byline',
  'language',
  'folder',
  'webdav',
  'passphrase-env',
]);
const FLAGS = new Set(['json', 'help', 'version', 'no-open', 'repair', 'all-bookmarks', 'allow-writes']);

export interface ParsedArgs {
  positional: string[];
  options: Record<string, string>;
  flags: Set<string>;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const parsed: ParsedArgs = { positional: [], options: {}, flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--') {
      parsed.positional.push(...argv.slice(i + 1));
      break;
    }
    const option = word.match(/^--([a-z][a-z-]*)(?:=(.*))?$/);
    if (!option) {
      if (word === '-h') parsed.flags.add('help');
      else parsed.positional.push(word);
      continue;
    }
    const [, name, inline] = option;
    if (FLAGS.has(name)) {
      parsed.flags.add(name);
    } else if (VALUED.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      parsed.options[name] = value;
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return parsed;
}
