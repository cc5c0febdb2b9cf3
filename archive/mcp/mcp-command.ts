// `dossier mcp [--archive DIR] [--allow-writes]`: the MCP server over stdio. Stdout carries
// only the protocol; anything else goes to stderr. It runs until the client closes stdin,
// then closes the archive.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ArchiveError } from '../core/errors';
import { hostFirstCaller, localCaller } from './archive-caller';
import { createMcpServer } from './server';

const VERSION = '0.1.0';

export async function runMcp(dir: string, options: { allowWrites: boolean }): Promise<void> {
  if (!existsSync(path.join(dir, 'dossier.json')) && !existsSync(path.join(dir, 'journal'))) {
    throw new ArchiveError(
      'not_found',
      `there is no archive in ${dir} (create one with dossier init, or pass --archive DIR)`,
    );
  }
  const caller = hostFirstCaller(
    dir,
    localCaller(dir, (error, method) =>
      process.stderr.write(
        `dossier mcp: ${method} failed: ${String((error as Error)?.message ?? error).split('\n')[0]}\n`,
      ),
    ),
  );
  const server = createMcpServer(caller.call, { allowWrites: options.allowWrites, version: VERSION });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
  });
  await server.connect(transport);
  process.stderr.write(`dossier mcp: serving ${dir}${options.allowWrites ? ' (writes allowed)' : ' (read-only)'}\n`);
  await closed;
  await server.close().catch(() => undefined);
  await caller.close();
}
