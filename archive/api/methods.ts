// The names of every operation any host may call, and nothing else. Plain data with no
// imports, so the preload and the renderer can take it without pulling in the archive.

export const METHODS = [
  'archive.info',
  'archive.verify',
  'archive.repair',
  'backups.list',
  'backups.create',
  'backups.restore',
  'items.list',
  'items.get',
  'items.content',
  'items.asset',
  'items.update',
  'items.setRead',
  'items.delete',
  'items.createNote',
  'items.setState',
  'items.setProgress',
  'items.bulk',
  'items.fetch',
  'searches.list',
  'searches.save',
  'searches.delete',
  'settings.get',
  'settings.set',
  'search.query',
  'search.related',
  'tags.list',
  'tags.add',
  'tags.remove',
  'tags.rename',
  'tags.merge',
  'tags.delete',
  'tags.setColor',
  'sources.list',
  'relations.link',
  'relations.unlink',
  'notes.create',
  'notes.update',
  'notes.delete',
  'highlights.create',
  'highlights.update',
  'highlights.delete',
  'import.files',
  'import.paths',
  'import.url',
  'import.page',
  'clipper.status',
  'clipper.configure',
  'clipper.unpairAll',
  'export.notes',
  'export.archive',
  'sync.status',
  'sync.run',
  'sync.conflicts',
  'sync.choose',
  'sync.configure',
] as const;

export type Method = (typeof METHODS)[number];

/**
 * Methods that name paths on this machine. Only the host's own code (the CLI, the
 * Electron main after a native dialog) may call them; a renderer never can.
 */
export const TRUSTED_METHODS = ['import.paths', 'export.archive'] as const satisfies readonly Method[];
export type TrustedMethod = (typeof TRUSTED_METHODS)[number];

/** Every method a renderer may call. */
export type RendererMethod = Exclude<Method, TrustedMethod>;

export function isTrusted(method: Method): method is TrustedMethod {
  return (TRUSTED_METHODS as readonly Method[]).includes(method);
}

export const RENDERER_METHODS = METHODS.filter((m): m is RendererMethod => !isTrusted(m));
