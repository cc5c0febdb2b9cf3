// The environment and Node flags a long-running archive host process starts with: the
// desktop app's archive process is given them; `dossier serve` and the other commands get
// the same from bin/dossier.mjs's first line (which cannot import this) when started as a
// command, not as `node bin/dossier.mjs`. They can only be given when a process starts. The
// environment's settings are glibc's; other C libraries ignore them.

/**
 * MALLOC_ARENA_MAX: glibc's malloc gives each thread that allocates while another holds an
 * arena an arena of its own, up to eight per core, and keeps most of what is freed in them:
 * a host's threads (V8's helpers, libuv's pool, each build, merge and import worker) left
 * `dossier serve` at 50,000 items holding some 30–50 MB it no longer used. Two arenas are
 * enough for two busy threads; the serve benchmark's session at 50,000 items peaked at
 * 386–412 MB with them against 435–445 with glibc's default (five runs each).
 *
 * glibc.malloc.hugetlb=1: malloc asks the kernel for transparent huge pages for the memory
 * it maps, where the system allows them on request (`madvise`, as on the benchmark machine):
 * an archive opens into some 100 MB of fresh memory at 100,000 items (segment heads, the
 * catalog, postings), and the first touch of each 4 KB page is what opening cost most there.
 * Opening that archive took 466–467 ms with it against 568–577 without; the serve session
 * at 50,000 items peaked at 380 MB with it against 393 without.
 *
 * glibc.malloc.mmap_threshold=1048576: every allocation of 1 MB or more gets memory of its
 * own, which goes back to the system when freed. By default glibc raises that threshold to
 * the size of each such block freed (up to 32 MB), so after a build or merge worker let go
 * of a segment's buffers the next ones came from the arenas, where freed memory stays: the
 * serve session at 50,000 items peaked at 351–354 MB with it against 384–391 without (the
 * same at a 128 KB threshold), and kept some 30 MB less between bursts.
 */
export const HOST_PROCESS_ENV = {
  MALLOC_ARENA_MAX: '2',
  GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=1048576',
} as const;

/**
 * Node's own flags for a host process. --v8-pool-size=2: V8 runs its background work (the
 * concurrent marking and parallel phases of collections, optimising compiles) on two helper
 * threads instead of four. On a two-core machine four helpers busy beside the thread that
 * answers pre-empt it: during the first search of a settled 50,000-item archive the
 * process's other threads used 40–120 ms of CPU against the answering thread's 20–50. In two
 * runs each of a bulk build followed by the first use of every query kind at 50,000 items,
 * the longest block was 24.3 and 17.5 ms with four helpers, 11.1 and 13.8 with two (14.2 and
 * 12.2 with one), and the build took 28.5–32.6 s against 20.8–21.1. One helper made the 10k
 * query mix's p95 worse (0.93–1.25 ms against 0.64–0.82 with four, 0.70–0.74 with two:
 * young collections copy on fewer threads). The `dossier` command's first line gives the same;
 * the desktop app passes them as its archive process's execArgv (whether Electron's utility
 * process, whose V8 runs on Chromium's thread pool, honours the pool size is not verified:
 * there is no Electron binary on the machines these figures come from).
 */
export const HOST_NODE_FLAGS = ['--v8-pool-size=2'] as const;

/** `env` with the host's settings, any GLIBC_TUNABLES it already has kept (ours come last). */
export function hostProcessEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const tunables = [env.GLIBC_TUNABLES, HOST_PROCESS_ENV.GLIBC_TUNABLES].filter(Boolean).join(':');
  return { ...env, ...HOST_PROCESS_ENV, GLIBC_TUNABLES: tunables };
}
