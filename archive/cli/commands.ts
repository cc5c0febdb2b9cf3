// The `dossier` commands. Each one calls only the contract, through an Api that run.ts
// points at dispatch() on an archive opened here or at the host that holds the archive,
// and returns both a JSON document and the text a person reads; run.ts prints one.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Method } from '../api/methods';
import type { Args, Result } from '../api/contract';
import type { ImportSummary, ItemView, SearchHit } from '../api/types';
import { UsageError, type ParsedArgs } from './args';
import { CommandError } from './failure';

export { CommandError };

/** The contract as a command sees it: a failed call throws a CommandError with its message. */
export interface Api {
  call<M extends Method>(method: M, args: Args<M>): Promise<Result<M>>;
}

export interface Output {
  json: unknown;
  text: string;
}

export interface Command {
  /** Whether the command changes the archive (and so takes the writer's lock). */
  writes: boolean | ((args: ParsedArgs) => boolean);
  /** Whether the command may create an archive where there is none (only init and import do). */
  creates?: boolean;
  /** Whether it asks for nothing but a search, which the index catalog can answer. */
  searchOnly?: boolean;
  run(api: Api, args: ParsedArgs): Promise<Output>;
}

/** An id, or a unique prefix of one (at least four characters). */
async function resolveId(api: Api, word: string | undefined): Promise<string> {
  if (!word) throw new UsageError('an item id is missing');
  const prefix = word.toLowerCase();
  if (/^[0-9a-f]{16}$/.test(prefix)) return prefix;
  if (!/^[0-9a-f]{4,15}$/.test(prefix)) throw new CommandError(`“${word}” is not an item id.`);
  const { items, total } = await api.call('items.list', { idPrefix: prefix, limit: 1 });
  if (total === 1) return items[0].id;
  throw new CommandError(
    total ? `“${word}” matches ${total} items; give more of the id.` : `No item with an id starting “${word}”.`,
  );
}

async function titleOf(api: Api, id: string): Promise<string> {
  return (await api.call('items.get', { id })).title;
}

function words(args: ParsedArgs, from: number, what: string): string[] {
  const list = args.positional.slice(from);
  if (list.length === 0) throw new UsageError(`${what} missing`);
  return list;
}

function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '          ';
}

function itemLine(item: {
  id: string;
  published: string | null;
  added: string;
  source: string | null;
  title: string;
  kind: string;
}): string {
  return `${item.id}  ${day(item.published ?? item.added)}  ${(item.source ?? item.kind).slice(0, 16).padEnd(16)}  ${item.title}`;
}

function describeItem(view: ItemView): string {
  const lines = [view.title, '='.repeat(Math.min(view.title.length, 78))];
  const facts: Array<[string, string | null]> = [
    ['id', view.id],
    ['kind', view.kind],
    ['source', view.source],
    ['byline', view.byline],
    ['published', view.published],
    ['url', view.url],
    ['added', view.added],
    ['words', String(view.wordCount)],
    ['tags', view.tags.join(', ') || null],
  ];
  for (const [k, v] of facts) if (v) lines.push(`${k.padEnd(10)} ${v}`);
  if (view.excerpt) lines.push('', view.excerpt);
  if (view.highlights.length) {
    lines.push('', 'Highlights:');
    for (const h of view.highlights) lines.push(`  > ${h.quote}${h.comment ? `\n    — ${h.comment}` : ''}`);
  }
  if (view.notes.length) {
    lines.push('', 'Notes:');
    for (const n of view.notes) lines.push(`  [${n.id}] ${n.text.replace(/\n/g, '\n    ')}`);
  }
  if (view.related.length) {
    lines.push('', 'Related:');
    for (const r of view.related) lines.push(`  ${r.id}  ${r.title}${r.label ? `  (${r.label})` : ''}`);
  }
  return lines.join('\n');
}

function hitJson(hit: SearchHit) {
  const { id, title, score, snippet, tags, published, source, kind } = hit;
  return { id, title, score, snippet, tags, published, source, kind };
}

function viewJson(view: ItemView) {
  return { ...view, related: view.related.map(({ id, title, kind, label }) => ({ id, title, kind, label })) };
}

export const commands: Record<string, Command> = {
  init: {
    writes: true,
    creates: true,
    async run(api) {
      const info = await api.call('archive.info', {});
      return { json: info, text: `The archive at ${info.dir} holds ${info.counts.items} items.` };
    },
  },

  import: {
    writes: true,
    creates: true,
    async run(api, args) {
      const sources = words(args, 1, 'files to import are');
      const urls = sources.filter((s) => /^https?:\/\//i.test(s));
      const paths = sources.filter((s) => !urls.includes(s)).map((p) => path.resolve(p));
      const summary: ImportSummary = paths.length
        ? await api.call('import.paths', { paths })
        : { imported: [], skipped: [] };
      for (const url of urls) {
        const one = await api.call('import.url', { url });
        summary.imported.push(...one.imported);
        summary.skipped.push(...one.skipped);
      }
      const lines = [`Imported ${summary.imported.length} item${summary.imported.length === 1 ? '' : 's'}.`];
      if (summary.imported.length) {
        const titles = new Map((await api.call('items.list', {})).items.map((i) => [i.id, i.title]));
        for (const id of summary.imported) lines.push(`  + ${id}  ${titles.get(id) ?? ''}`);
      }
      if (summary.skipped.length)
        lines.push(`Skipped ${summary.skipped.length}:`, ...summary.skipped.map((s) => `  - ${s.file}: ${s.reason}`));
      if (
        summary.imported.length === 0 &&
        summary.skipped.some((s) => !s.reason.startsWith('already in the archive'))
      ) {
        throw new CommandError(`Nothing was imported: ${summary.skipped[0].file}: ${summary.skipped[0].reason}`);
      }
      return { json: summary, text: lines.join('\n') };
    },
  },

  list: {
    writes: false,
    async run(api, args) {
      // The contract checks these and refuses a wrong one with a one-line reason.
      const sort = args.options.sort as Args<'items.list'>['sort'];
      const kind = args.options.kind as Args<'items.list'>['kind'];
      const { items } = await api.call('items.list', { sort, kind });
      return { json: { items }, text: items.length ? items.map(itemLine).join('\n') : 'The archive is empty.' };
    },
  },

  show: {
    writes: false,
    async run(api, args) {
      const view = await api.call('items.get', { id: await resolveId(api, args.positional[1]) });
      return { json: viewJson(view), text: describeItem(view) };
    },
  },

  search: {
    writes: false,
    searchOnly: true,
    async run(api, args) {
      const q = args.positional.slice(1).join(' ');
      const limit = args.options.limit ? Number(args.options.limit) : 20;
      const offset = args.options.offset ? Number(args.options.offset) : 0;
      const sort = args.options.sort as Args<'search.query'>['sort'];
      const result = await api.call('search.query', { q, sort, limit, offset });
      const lines = result.notice ? [result.notice] : [];
      lines.push(`${result.total} result${result.total === 1 ? '' : 's'} for “${q}”.`);
      for (const hit of result.hits) {
        lines.push('', `${hit.id}  ${day(hit.published)}  ${hit.source ?? hit.kind}  ${hit.title}`);
        if (hit.snippet) lines.push(`    ${hit.snippet.replace(/\s+/g, ' ')}`);
        if (hit.tags.length) lines.push(`    tags: ${hit.tags.join(', ')}`);
      }
      // The notice says when the query was read otherwise than typed (a passage, a spelling fix).
      return {
        json: {
          query: result.query,
          total: result.total,
          notice: result.notice,
          parsedAs: result.parsedAs,
          hits: result.hits.map(hitJson),
        },
        text: lines.join('\n'),
      };
    },
  },

  tag: {
    writes: true,
    async run(api, args) {
      const view = await api.call('tags.add', {
        id: await resolveId(api, args.positional[1]),
        tags: words(args, 2, 'tags are'),
      });
      return { json: viewJson(view), text: `${view.title}\n  tags: ${view.tags.join(', ')}` };
    },
  },

  untag: {
    writes: true,
    async run(api, args) {
      const view = await api.call('tags.remove', {
        id: await resolveId(api, args.positional[1]),
        tags: words(args, 2, 'tags are'),
      });
      return { json: viewJson(view), text: `${view.title}\n  tags: ${view.tags.join(', ') || '(none)'}` };
    },
  },

  tags: {
    writes: false,
    async run(api) {
      const { tags } = await api.call('tags.list', {});
      return {
        json: { tags },
        text: tags.length ? tags.map((t) => `${String(t.count).padStart(6)}  ${t.name}`).join('\n') : 'No tags yet.',
      };
    },
  },

  relate: {
    writes: true,
    async run(api, args) {
      const a = await resolveId(api, args.positional[1]);
      const b = await resolveId(api, args.positional[2]);
      const view = await api.call('relations.link', { a, b, label: args.options.label ?? null });
      return { json: viewJson(view), text: `Linked “${view.title}” and “${await titleOf(api, b)}”.` };
    },
  },

  unrelate: {
    writes: true,
    async run(api, args) {
      const a = await resolveId(api, args.positional[1]);
      const b = await resolveId(api, args.positional[2]);
      const view = await api.call('relations.unlink', { a, b });
      return { json: viewJson(view), text: `Unlinked “${view.title}” and “${await titleOf(api, b)}”.` };
    },
  },

  related: {
    writes: false,
    async run(api, args) {
      const id = await resolveId(api, args.positional[1]);
      const view = await api.call('items.get', { id });
      const { suggestions } = await api.call('search.related', { id });
      const linked = view.related.map(({ id, title, kind, label }) => ({ id, title, kind, label }));
      const lines = [
        'Linked:',
        ...(linked.length
          ? linked.map((r) => `  ${r.id}  ${r.title}${r.label ? `  (${r.label})` : ''}`)
          : ['  (none)']),
      ];
      lines.push(
        'Suggested:',
        ...(suggestions.length
          ? suggestions.map((s) => `  ${s.id}  ${s.title}  [${s.terms.join(', ')}]`)
          : ['  (none)']),
      );
      return { json: { id, related: linked, suggestions }, text: lines.join('\n') };
    },
  },

  note: {
    writes: true,
    async run(api, args) {
      const id = await resolveId(api, args.positional[1]);
      const text = args.positional.slice(2).join(' ');
      if (!text.trim()) throw new UsageError('the note text is missing');
      const view = await api.call('notes.create', { itemId: id, text });
      return {
        json: viewJson(view),
        text: `Added a note to “${view.title}” (${view.notes.length} note${view.notes.length === 1 ? '' : 's'}).`,
      };
    },
  },

  delete: {
    writes: true,
    async run(api, args) {
      const id = await resolveId(api, args.positional[1]);
      const title = await titleOf(api, id);
      await api.call('items.delete', { id });
      return { json: { deleted: id }, text: `Deleted “${title}”.` };
    },
  },

  export: {
    writes: false,
    async run(api, args) {
      const what = args.positional[1];
      if (what !== 'notes' && what !== 'archive')
        throw new UsageError('say what to export: dossier export notes|archive ...');
      const out = args.options.out;
      if (!out) throw new UsageError('--out PATH is missing');
      if (what === 'archive') {
        const result = await api.call('export.archive', { out: path.resolve(out) });
        return {
          json: result,
          text: `Wrote ${result.items} items to ${result.out} (${(result.bytes / 1024).toFixed(0)} KiB).`,
        };
      }
      const format = (args.options.format ?? 'md') as 'md';
      if (!['md', 'digest', 'json', 'csv'].includes(format))
        throw new UsageError('--format is one of md, digest, json, csv');
      const { files, items } = await api.call('export.notes', {
        scope: await parseScope(api, args.options.scope ?? 'all'),
        format,
      });
      const written = await writeExport(out, files, format);
      return {
        json: { out: path.resolve(out), format, items, files: written },
        text: `Exported ${items} item${items === 1 ? '' : 's'} to ${written.length} file${written.length === 1 ? '' : 's'} in ${path.resolve(out)}.`,
      };
    },
  },

  verify: {
    writes: (args) => args.flags.has('repair'),
    async run(api, args) {
      if (args.flags.has('repair')) {
        const report = await api.call('archive.repair', {});
        const lines = report.actions.length ? report.actions.map((a) => `  - ${a}`) : ['  (nothing to repair)'];
        if (!report.ok)
          throw new CommandError(
            `Repaired what could be, but ${report.problems.length} problem(s) remain: ${report.problems.join(' ')}`,
          );
        return { json: report, text: ['Repaired the archive:', ...lines].join('\n') };
      }
      const report = await api.call('archive.verify', {});
      const repair = 'run `dossier verify --repair` to fix it, or `dossier backups` to restore a backup';
      if (!report.ok)
        throw new CommandError(
          `The archive has ${report.problems.length} problem(s): ${report.problems.join(' ')} (${repair}).`,
        );
      const leftovers = report.leftovers.length
        ? ` ${report.leftovers.length} leftover file(s) belong to no item (from an interrupted import); \`dossier verify --repair\` moves them to lost+found/.`
        : '';
      return { json: report, text: `The archive is sound (${report.checked} items checked).${leftovers}` };
    },
  },

  edit: {
    writes: true,
    async run(api, args) {
      const id = await resolveId(api, args.positional[1]);
      const patch: Record<string, string | null> = {};
      for (const key of ['title', 'source', 'published', 'url', 'byline', 'language'] as const) {
        const value = args.options[key];
        if (value !== undefined) patch[key] = value === '' && key !== 'title' ? null : value;
      }
      if (Object.keys(patch).length === 0)
        throw new UsageError('say what to change: --title, --source, --published, --url, --byline or --language');
      const view = await api.call('items.update', { id, patch });
      return { json: view, text: describeItem(view) };
    },
  },

  mark: {
    writes: true,
    async run(api, args) {
      const [state, ...words] = args.positional.slice(1).reverse();
      const states: Record<string, { archived?: boolean; favourite?: boolean; read?: boolean }> = {
        read: { read: true },
        unread: { read: false },
        archived: { archived: true },
        inbox: { archived: false },
        favourite: { favourite: true },
        unfavourite: { favourite: false },
      };
      if (!state || !states[state])
        throw new UsageError('mark <id...> read|unread|archived|inbox|favourite|unfavourite');
      const ids: string[] = [];
      for (const w of words.reverse()) ids.push(await resolveId(api, w));
      if (ids.length === 0) throw new UsageError('an item id is missing');
      const views = [];
      for (const id of ids) views.push(await api.call('items.setState', { id, ...states[state] }));
      return { json: { items: views }, text: views.map((v) => `${v.id}  ${state}  ${v.title}`).join('\n') };
    },
  },

  fetch: {
    writes: true,
    async run(api, args) {
      const all = args.flags.has('all-bookmarks');
      const ids: string[] = [];
      for (const w of args.positional.slice(1)) ids.push(await resolveId(api, w));
      if (all === ids.length > 0) throw new UsageError('fetch takes item ids or --all-bookmarks');
      const { results } = await api.call('items.fetch', all ? { allBookmarks: true } : { ids });
      const ok = results.filter((r) => r.ok).length;
      const lines = [
        `Fetched ${ok} of ${results.length} item${results.length === 1 ? '' : 's'}.`,
        ...results.map((r) => `  ${r.ok ? '+' : '-'} ${r.id}  ${r.title}: ${r.message}`),
      ];
      if (results.length > 0 && ok === 0)
        throw new CommandError(`Nothing could be fetched: ${results[0].title}: ${results[0].message}`);
      return { json: { results }, text: lines.join('\n') };
    },
  },

  backups: {
    writes: false,
    async run(api) {
      const { backups } = await api.call('backups.list', {});
      const lines = backups.map(
        (b) =>
          `${b.id}  ${b.created.slice(0, 19).replace('T', ' ')}  ${String(b.items).padStart(6)} items  ${(b.bytes / 1024).toFixed(0).padStart(7)} KiB  ${b.valid ? b.reason : `DAMAGED: ${b.problem}`}`,
      );
      return {
        json: { backups },
        text: backups.length
          ? [`${backups.length} backup(s), newest first (restore one with \`dossier restore <id>\`):`, ...lines].join(
              '\n',
            )
          : 'There are no backups yet.',
      };
    },
  },

  sync: {
    // Loaded only when asked for (sync-command.ts holds it all).
    writes: (args) => !['status', 'conflicts'].includes(args.positional[1] ?? ''),
    // A new machine's first sync starts its archive (its seed merges with the others').
    creates: true,
    run: async (api, args) => (await import('./sync-command')).runSync(api, args),
  },

  restore: {
    writes: true,
    async run(api, args) {
      const id = words(args, 1, 'the id of the backup to restore is')[0];
      const report = await api.call('backups.restore', { id });
      const safety = report.safety ? ` The state it replaced is backup ${report.safety}.` : '';
      return { json: report, text: `Restored backup ${report.restored} (${report.items} items).${safety}` };
    },
  },
};

async function parseScope(api: Api, scope: string) {
  if (scope === 'all') return { kind: 'all' as const };
  const [kind, ...rest] = scope.split(':');
  const value = rest.join(':');
  if (kind === 'item') return { kind: 'item' as const, id: await resolveId(api, value) };
  if (kind === 'tag' && value) return { kind: 'tag' as const, tag: value };
  if (kind === 'query') return { kind: 'query' as const, q: value };
  throw new UsageError('--scope is all, item:<id>, tag:<tag> or query:<query>');
}

/** A single-file format goes to --out itself when it names a file, else into the folder. */
async function writeExport(
  out: string,
  files: Array<{ path: string; content: string }>,
  format: string,
): Promise<string[]> {
  const single = files.length === 1 && format !== 'md' && path.extname(out) !== '';
  const written: string[] = [];
  for (const file of files) {
    const target = single ? path.resolve(out) : path.resolve(out, file.path);
    if (!single && !target.startsWith(path.resolve(out) + path.sep))
      throw new CommandError(`Refusing to write outside ${out}: ${file.path}`);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, file.content);
    written.push(target);
  }
  return written;
}
