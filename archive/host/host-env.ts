// The environment a long-running archive host process starts with: the desktop app's
// archive process is given it; `dossier serve` and the other commands get the same from
// bin/dossier.mjs's first line (which cannot import this) when started as a command, not as
// `node bin/dossier.mjs`. It can only be given when a process starts.

/**
 * glibc's malloc gives each thread that allocates while another holds an arena an arena of
 * its own, up to eight per core, and keeps most of what is freed in them: a host's threads
 * (V8's helpers, libuv's pool, each build, merge and import worker) left `dossier serve`
 * at 50,000 items holding some 30–50 MB it no longer used. Two arenas are enough for two busy
 * threads; the serve benchmark's session at 50,000 items peaked at 386–412 MB with them
 * against 435–445 with glibc's default (five runs each). Other C libraries ignore it.
 */
export const HOST_PROCESS_ENV = { MALLOC_ARENA_MAX: '2' } as const;
