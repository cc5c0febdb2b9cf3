// `dossier mcp` as an assistant's client sees it: the SDK's own Client over stdio, spawning
// the real command on a real archive. Lists tools, searches the seed article, reads it as
// a tool and as a resource; writes only with --allow-writes; malformed calls are tool errors.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rm } from 'node:fs/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { openArchive } from '../api/open-archive';
import { tempDir } from '../core/test-archive';
import { dispatch } from '../api/dispatch';
import { forkHost } from '../host/test-host';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SEED = /^Wang Yi says China–Russia relationship/;

let dir: string;
let noteId: string;
beforeAll(async () => {
  dir = await tempDir('dossier-mcp-');
  const archive = await openArchive(dir); // a new, seeded archive, plus one note to link to
  const note = await dispatch(archive, 'items.createNote', { title: 'Reading list', text: 'Things to follow up.' });
  noteId = note.ok ? note.value.id : '';
  await archive.close();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function connect(...flags: string[]): Promise<Client> {
  const client = new Client({ name: 'dossier-test', version: '1.0.0' });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [path.join(ROOT, 'bin', 'dossier.mjs'), 'mcp', '--archive', dir, ...flags],
    cwd: ROOT,
    stderr: 'pipe',
  });
  await client.connect(transport);
  return client;
}

const text = (result: any): string => result.content[0].text;
const json = (result: any): any => JSON.parse(text(result));

describe('dossier mcp (read-only)', () => {
  let client: Client;
  beforeAll(async () => (client = await connect()));
  afterAll(() => client?.close());

  it('lists only the read tools', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['get_item', 'list_tags', 'related', 'search']);
    const search = tools.find((t) => t.name === 'search')!;
    expect(search.inputSchema.required).toEqual(['query']);
    expect(Object.keys(search.inputSchema.properties ?? {}).sort()).toEqual(['limit', 'query']);
  });

  it('finds the seed article and reads it, as a tool and as a resource', async () => {
    const found = json(
      await client.callTool({ name: 'search', arguments: { query: 'strategic partnership', limit: 5 } }),
    );
    const hit = found.hits.find((h: any) => SEED.test(h.title));
    expect(hit).toMatchObject({ source: 'MENAFN', date: expect.stringMatching(/^2024-10-06/) });
    expect(hit.snippet.length).toBeGreaterThan(20);
    const item = json(await client.callTool({ name: 'get_item', arguments: { id: hit.id } }));
    expect(item.title).toMatch(SEED);
    expect(item.text).toMatch(/Wang Yi/);
    expect(item.related.map((r: any) => r.title)).toContain('Welcome to Dossier');
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain(`dossier://item/${hit.id}`);
    const read = await client.readResource({ uri: `dossier://item/${hit.id}` });
    expect((read.contents[0] as { text: string }).text).toMatch(/^# Wang Yi says/);
    const related = json(await client.callTool({ name: 'related', arguments: { id: hit.id } }));
    expect(related.linked.map((r: any) => r.title)).toContain('Welcome to Dossier');
    expect(json(await client.callTool({ name: 'list_tags', arguments: {} })).tags).toBeInstanceOf(Array);
  });

  it('refuses writes without --allow-writes, as a tool error', async () => {
    const out: any = await client.callTool({ name: 'add_tags', arguments: { id: '0000000000000000', tags: ['x'] } });
    expect(out.isError).toBe(true);
    expect(text(out)).toMatch(/--allow-writes/);
  });

  it('answers malformed calls with tool errors and keeps serving', async () => {
    const bad: any = await client.callTool({ name: 'get_item', arguments: { id: '../../etc/passwd' } });
    expect(bad.isError).toBe(true);
    expect(text(bad)).toMatch(/^Invalid arguments for get_item: id: an item id is 16 hexadecimal digits/);
    const extra: any = await client.callTool({ name: 'search', arguments: { query: 'x', limit: 0, evil: true } });
    expect(extra.isError).toBe(true);
    const missing: any = await client.callTool({ name: 'get_item', arguments: { id: 'ffffffffffffffff' } });
    expect(missing.isError).toBe(true);
    expect(text(missing)).not.toMatch(/at .*\.ts:\d+/); // a sentence, not a stack
    const unknown: any = await client.callTool({ name: 'drop_database', arguments: {} });
    expect(unknown.isError).toBe(true);
    expect(json(await client.callTool({ name: 'search', arguments: { query: 'Wang Yi' } })).total).toBeGreaterThan(0);
  });
});

describe('dossier mcp --allow-writes', () => {
  it('adds a tag, a note and a link, and a read-only server sees them', async () => {
    const writer = await connect('--allow-writes');
    const reader = await connect();
    try {
      expect((await writer.listTools()).tools.map((t) => t.name)).toEqual(
        expect.arrayContaining(['add_tags', 'add_note', 'link_items']),
      );
      const seed = json(await writer.callTool({ name: 'search', arguments: { query: 'Wang Yi' } })).hits.find(
        (h: any) => SEED.test(h.title),
      );
      // The reader opens its view before the write, and must see the write afterwards.
      expect(json(await reader.callTool({ name: 'get_item', arguments: { id: seed.id } })).tags).not.toContain(
        'from-assistant',
      );
      const tagged = json(
        await writer.callTool({ name: 'add_tags', arguments: { id: seed.id, tags: ['from-assistant'] } }),
      );
      expect(tagged.tags).toContain('from-assistant');
      const noted = json(
        await writer.callTool({ name: 'add_note', arguments: { id: seed.id, text: 'Summarised by an assistant.' } }),
      );
      expect(noted.notes.map((n: any) => n.text)).toContain('Summarised by an assistant.');
      const linked = json(
        await writer.callTool({ name: 'link_items', arguments: { a: seed.id, b: noteId, label: 'follow up' } }),
      );
      expect(linked.related).toContainEqual({ id: noteId, title: 'Reading list', label: 'follow up' });
      const bad: any = await writer.callTool({ name: 'add_tags', arguments: { id: seed.id, tags: [] } });
      expect(bad.isError).toBe(true);
      const item = json(await reader.callTool({ name: 'get_item', arguments: { id: seed.id } }));
      expect(item.tags).toContain('from-assistant');
      expect(item.notes.map((n: any) => n.text)).toContain('Summarised by an assistant.');
    } finally {
      await writer.close();
      await reader.close();
    }
  });
});

describe('dossier mcp while another process holds the archive', () => {
  it('still reads, and a write says who holds the lock, as a tool error', async () => {
    const app = await openArchive(dir); // stands in for the desktop app: the one writer
    const client = await connect('--allow-writes');
    try {
      const found = json(await client.callTool({ name: 'search', arguments: { query: 'Wang Yi' } }));
      expect(found.total).toBeGreaterThan(0);
      const out: any = await client.callTool({
        name: 'add_tags',
        arguments: { id: found.hits[0].id, tags: ['blocked'] },
      });
      expect(out.isError).toBe(true);
      expect(text(out)).toMatch(/in use|lock|held|open/i);
    } finally {
      await client.close();
      await app.close();
    }
  });
});

describe('dossier mcp while the app (an archive host) holds the archive', () => {
  it('goes through the host: reads and writes both work, and the host sees the write at once', async () => {
    const host = await forkHost(dir); // the desktop app's archive process, on the archive's socket
    const client = await connect('--allow-writes');
    try {
      const found = json(await client.callTool({ name: 'search', arguments: { query: 'Wang Yi' } }));
      const id = found.hits[0].id;
      const out: any = await client.callTool({ name: 'add_tags', arguments: { id, tags: ['through-the-host'] } });
      expect(out.isError).toBeFalsy();
      const seen = await host.link.call('items.get', { id }, { trusted: true, by: 'test' });
      expect(seen.ok && (seen.value as { tags: string[] }).tags).toContain('through-the-host');
    } finally {
      await client.close();
      await host.stop();
    }
  });
});
