// The help text of the `dossier` command.

export const USAGE = `dossier — your offline archive of news articles

Usage: dossier <command> [arguments] [--archive DIR] [--json]

Commands:
  init                              create (and seed) the archive if it does not exist
  import <files|urls...>            import .txt, .md, .html files, web pages, .dossier bundles
                                    and exports from other apps
  list [--sort added|published|title] [--kind K]
                                    list the items
  show <id>                         show one item with its tags, notes, highlights and links
  search "<query>" [--sort relevance|newest|oldest|title] [--limit N] [--offset N]
                                    full-text search (lunr syntax plus tag:, source:, kind:,
                                    before:, after:, year:, has:notes, has:highlights, is:unread)
  tag <id> <tag...>                 add tags to an item
  untag <id> <tag...>               remove tags from an item
  tags                              list the tags with their counts
  relate <id> <id> [--label L]      link two items
  unrelate <id> <id>                remove the link between two items
  related <id>                      linked items and suggestions
  note <id> "<markdown>"            add a note to an item
  delete <id>                       delete an item with its notes, highlights and links
  edit <id> [--title T] [--source S] [--published YYYY-MM-DD] [--url U] [--byline B]
                                    correct an item's details (an empty value clears one)
  mark <id...> read|unread|archived|inbox|favourite|unfavourite
                                    move items between inbox and archive, star, mark read
  fetch <id...> | --all-bookmarks   fetch bookmarks' pages and keep them as articles
  export notes [--scope all|item:<id>|tag:<t>|query:<q>] [--format md|digest|json|csv] --out PATH
                                    export notes and highlights
  export archive --out FILE.dossier  the whole archive as one file (import it to restore)
  verify [--repair]                 check the archive's integrity; --repair moves leftover
                                    files to lost+found/, fixes references, rebuilds the index
  backups                           list the backups (recent, daily, weekly)
  restore <backup-id>               restore a backup (the current state is backed up first)
  sync [--folder DIR | --webdav URL] [--passphrase-env NAME]
                                    one sync round: send this archive's changes, merge the
                                    other machines' (the target is remembered); WebDAV
                                    credentials from DOSSIER_WEBDAV_USER/_PASSWORD, the
                                    passphrase from DOSSIER_SYNC_PASSPHRASE (or NAME)
  sync status | sync conflicts      where it syncs, how far; fields changed on both machines
  sync choose <id> <field> <n>      keep value n of a conflict (0: the one shown now)
  serve [--port N] [--clipper-port N]
                                    serve the app to a browser on 127.0.0.1; with
                                    --clipper-port, listen for the browser extension too
  mcp [--allow-writes]              answer AI assistants over the Model Context Protocol
                                    (stdio); read-only unless --allow-writes

Options:
  --archive DIR   the archive folder (default: $DOSSIER_ARCHIVE, else the desktop app's)
  --json          print one JSON document on stdout
  An <id> may be shortened to any unique prefix of at least 4 characters.
`;
