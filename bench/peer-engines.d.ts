// The slices of MiniSearch's and FlexSearch's APIs the benchmark uses. They live in
// bench/package.json (installed on demand), so the app's typecheck must not need them.
declare module 'minisearch' {
  export type Query =
    | string
    | {
        queries: Query[];
        combineWith?: 'AND' | 'OR' | 'AND_NOT';
        prefix?: boolean;
        fuzzy?: boolean | number;
        fields?: string[];
      };
  interface Options {
    fields: string[];
    searchOptions?: { boost?: Record<string, number> };
  }
  export default class MiniSearch {
    constructor(options: Options);
    static loadJSON(json: string, options: Options): MiniSearch;
    addAll(docs: ReadonlyArray<Record<string, unknown>>): void;
    add(doc: Record<string, unknown>): void;
    search(query: Query): Array<{ id: unknown; score: number }>;
  }
}

declare module 'flexsearch' {
  const FlexSearch: unknown;
  export default FlexSearch;
}
