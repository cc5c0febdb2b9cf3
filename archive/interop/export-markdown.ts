// Exports notes and highlights as Markdown, one file per item: YAML front matter (id,
// title, source, url, published, tags, related, exported), then the highlights as block
// quotes in text order each followed by its comment, then the notes, then links to related
// items that are in the same export. File names come from assignFileNames (safe, stable).

import type { ExportEntry, ExportFile } from './export-types';
import { assignFileNames } from './file-names';
import { frontMatter } from './front-matter';
import { fileLink, highlightBlocks, linkText, noteBlocks } from './markdown-blocks';

export function exportMarkdown(entries: readonly ExportEntry[], exported: string): ExportFile[] {
  const names = assignFileNames(entries.map((e) => e.item));
  return entries.map((entry) => {
    const { item } = entry;
    const related = entry.related.map((r) => {
      const file = names.get(r.id);
      return file === undefined
        ? { id: r.id, title: r.title, label: r.label }
        : { id: r.id, title: r.title, label: r.label, file };
    });
    const head = frontMatter({
      id: item.id,
      title: item.title,
      source: item.source,
      url: item.url,
      published: item.published,
      tags: item.tags,
      related,
      exported,
    });
    const sections: string[] = [`# ${item.title.replace(/\s+/g, ' ').trim()}`];
    if (item.url !== null) sections.push(`<${item.url}>`);
    const highlights = highlightBlocks(entry.highlights);
    if (highlights.length > 0) sections.push('## Highlights', ...highlights);
    const notes = noteBlocks(entry.notes);
    if (notes !== '') sections.push('## Notes', notes);
    if (related.length > 0) {
      const lines = related.map((r) => {
        const target = 'file' in r && r.file !== undefined ? fileLink(r.title, r.file) : linkText(r.title);
        return `- ${target}${r.label !== null ? ` (${r.label})` : ''}`;
      });
      sections.push('## Related', lines.join('\n'));
    }
    return { path: names.get(item.id) as string, content: `${head}\n${sections.join('\n\n')}\n` };
  });
}
