// Facet values (tags, sources, kinds, years) numbered so that results can be counted by
// array index. A value's key ignores case; the first spelling seen is the one shown.

/** The key a tag, source or kind is known by: the same whatever its case or Unicode spelling. */
export function fold(s: string): string {
  return s.normalize('NFC').toLowerCase().trim();
}

/** Numbers facet values: a key (case-folded) gets one id; its first spelling is shown. */
export class FacetDictionary {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  /** The id of `key`, or -1 if no item has had that value. */
  find(key: string): number {
    return this.ids.get(key) ?? -1;
  }
  id(key: string, display: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(key, id);
      this.values.push(display);
    }
    return id;
  }
}

export class FacetDictionaries {
  readonly tags = new FacetDictionary();
  readonly sources = new FacetDictionary();
  readonly kinds = new FacetDictionary();
  readonly years = new FacetDictionary();
}
