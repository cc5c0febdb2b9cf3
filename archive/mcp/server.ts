// The Model Context Protocol server behind `dossier mcp`: the tools of tools.ts and every
// item as a resource (dossier://item/<id>), over any MCP transport. Arguments are checked
// by the contract's schemas; every failure, a malformed call included, is answered as a
// tool error (isError) with one sentence, never as a crash or a stack trace.

import { z } from 'zod';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
  McpError,
  ErrorCode,
} from '@modelcontextprotocol/sdk/types.js';
import type { Item } from '../api/types';
import type { Call } from './archive-caller';
import { TOOLS, itemDocument, type ItemDocument, type Tool } from './tools';

export const ITEM_URI_PREFIX = 'dossier://item/';
const RESOURCE_PAGE = 500;

export interface McpOptions {
  allowWrites: boolean;
  version: string;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

const toolError = (message: string) => ({ isError: true, content: [{ type: 'text' as const, text: message }] });

/** An item's document as Markdown-ish text: what a resource read gives an assistant. */
function asText(doc: ItemDocument): string {
  const lines = [`# ${doc.title}`, ''];
  const meta = [
    doc.source,
    doc.published?.slice(0, 10),
    doc.url,
    doc.tags.length ? `tags: ${doc.tags.join(', ')}` : null,
  ].filter(Boolean);
  if (meta.length) lines.push(meta.join(' · '), '');
  lines.push(doc.text || '(no text: a bookmark)');
  if (doc.highlights.length)
    lines.push('', '## Highlights', ...doc.highlights.map((h) => `> ${h.quote}${h.comment ? `\n\n${h.comment}` : ''}`));
  if (doc.notes.length) lines.push('', '## Notes', ...doc.notes.map((n) => n.text));
  if (doc.related.length)
    lines.push('', '## Linked items', ...doc.related.map((r) => `- ${r.title} (${ITEM_URI_PREFIX}${r.id})`));
  return lines.join('\n');
}

export function createMcpServer(call: Call, options: McpOptions): Server {
  const tools: Tool[] = TOOLS.filter((t) => options.allowWrites || !t.writes);
  const server = new Server(
    { name: 'dossier', version: options.version },
    {
      capabilities: { tools: {}, resources: {} },
      instructions:
        "Dossier is the user's offline archive of news articles, notes and bookmarks. Use search to find items, get_item to read one, related for linked and similar items." +
        (options.allowWrites ? ' add_tags, add_note and link_items change the archive.' : ' This server is read-only.'),
    },
  );

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: tools.map((t) => ({
      name: t.name,
      description: t.description,
      inputSchema: z.toJSONSchema(t.args, { io: 'input', unrepresentable: 'any' }) as {
        type: 'object';
        [k: string]: unknown;
      },
      annotations: { readOnlyHint: !t.writes, destructiveHint: false, openWorldHint: false },
    })),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const tool = tools.find((t) => t.name === request.params.name);
    if (!tool) {
      const hidden = TOOLS.some((t) => t.name === request.params.name);
      return toolError(
        hidden
          ? `${request.params.name} changes the archive; start dossier mcp with --allow-writes to allow it.`
          : `There is no tool called “${request.params.name}”.`,
      );
    }
    const parsed = tool.args.safeParse(request.params.arguments ?? {});
    if (!parsed.success) return toolError(`Invalid arguments for ${tool.name}: ${describeIssue(parsed.error)}.`);
    try {
      const out = await tool.run(call, parsed.data);
      if (!out.ok) return toolError(out.error.message);
      return { content: [{ type: 'text' as const, text: JSON.stringify(out.value, null, 2) }] };
    } catch {
      return toolError(`Something went wrong while running ${tool.name}.`);
    }
  });

  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({
    resourceTemplates: [
      {
        uriTemplate: `${ITEM_URI_PREFIX}{id}`,
        name: 'Dossier item',
        description: 'An item of the archive by its 16-digit id',
        mimeType: 'text/markdown',
      },
    ],
  }));

  server.setRequestHandler(ListResourcesRequestSchema, async (request) => {
    const offset = Math.max(0, Number(request.params?.cursor ?? 0) || 0);
    const out = (await call('items.list', { sort: 'added', offset, limit: RESOURCE_PAGE })) as {
      ok: boolean;
      value?: { items: Item[]; total: number };
      error?: { message: string };
    };
    if (!out.ok || !out.value)
      throw new McpError(ErrorCode.InternalError, out.error?.message ?? 'Could not list the items.');
    const next = offset + out.value.items.length;
    return {
      resources: out.value.items.map((i) => ({
        uri: `${ITEM_URI_PREFIX}${i.id}`,
        name: i.title,
        mimeType: 'text/markdown',
        description: [i.kind, i.source, i.published?.slice(0, 10)].filter(Boolean).join(' · '),
      })),
      ...(next < out.value.total ? { nextCursor: String(next) } : {}),
    };
  });

  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    const uri = request.params.uri;
    const id = uri.startsWith(ITEM_URI_PREFIX) ? uri.slice(ITEM_URI_PREFIX.length) : '';
    if (!/^[0-9a-f]{16}$/.test(id))
      throw new McpError(ErrorCode.InvalidParams, `Not a Dossier item address: ${uri.slice(0, 200)}`);
    const doc = await itemDocument(call, id);
    if (!doc.ok) throw new McpError(ErrorCode.InvalidParams, doc.error.message);
    return { contents: [{ uri, mimeType: 'text/markdown', text: asText(doc.value) }] };
  });

  return server;
}
