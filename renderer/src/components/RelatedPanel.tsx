// The item's links: linked items (open with a click, label, unlink), a search to link another
// item, and "Suggested" items from the engine's related-items query, each one click to link.

import type { ItemView } from '../../../archive/api/types';
import { useAction } from '../hooks/useAction';
import { useQuery } from '../hooks/useQuery';
import { LinkFinder } from './LinkFinder';
import { RelatedLink } from './RelatedLink';

interface Props {
  item: ItemView;
  onOpen: (id: string) => void;
}

export function RelatedPanel({ item, onOpen }: Props) {
  const act = useAction();
  const suggested = useQuery('search.related', { id: item.id, limit: 5 });
  const link = (other: string) => act('relations.link', { a: item.id, b: other });
  return (
    <section className="panel" id="panel-related" tabIndex={-1} aria-label="Related items">
      <h2 className="panel-heading">Related items</h2>
      {item.related.length === 0 ? (
        <p className="panel-empty">Nothing linked yet.</p>
      ) : (
        <ul className="related-list" aria-label="Linked items">
          {item.related.map((r) => (
            <RelatedLink key={r.relationId} itemId={item.id} related={r} onOpen={onOpen} />
          ))}
        </ul>
      )}
      <LinkFinder itemId={item.id} linked={item.related.map((r) => r.id)} onLink={link} />
      {suggested.value && suggested.value.suggestions.length > 0 && (
        <>
          <h3 className="panel-subheading">Suggested</h3>
          <ul className="related-list" aria-label="Suggested items">
            {suggested.value.suggestions.map((s) => (
              <li key={s.id} className="related">
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onOpen(s.id)}
                  title={s.terms.length ? `Shares: ${s.terms.join(', ')}` : undefined}
                >
                  {s.title || 'Untitled'}
                </button>
                <button
                  type="button"
                  className="small-button"
                  aria-label={`Link ${s.title}`}
                  onClick={() => void link(s.id)}
                >
                  Link
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
