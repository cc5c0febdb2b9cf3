// The rules a UI must apply exactly as the archive does, exported beside the contract: the
// limits its fields accept, whether two tags are the same, how Markdown becomes HTML. The
// one runtime module the renderer takes from archive/ (with the method names): plain
// functions and constants, no Node, no DOM, no zod.

export {
  COLOR_PATTERN,
  MAX_LABEL_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_SEARCH_NAME_LENGTH,
  MAX_TAG_LENGTH,
} from '../core/limits';
export { sameTag, tagKey, tidyTagName } from '../core/same-tag';
export { markdownToHtml } from '../interop/markdown-html';
