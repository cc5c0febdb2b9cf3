// The limits the schemas, the core and the UI all read: one number or pattern each, so a
// field the UI lets a person fill is never refused by the archive for its length. No
// imports, so the renderer can take it through archive/api/rules.ts.

/** The longest tag name, after its white space is tidied. */
export const MAX_TAG_LENGTH = 100;
/** The longest note on an item (Markdown source). */
export const MAX_NOTE_LENGTH = 200_000;
/** The longest label on a link between two items. */
export const MAX_LABEL_LENGTH = 100;
/** A colour (of a tag, a highlight) as #rrggbb. */
export const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;
/** The longest name of a saved search. */
export const MAX_SEARCH_NAME_LENGTH = 100;
