// Shows the images an article keeps in the archive: each <img data-dossier-asset> gets its
// bytes through the contract (so it works in every host, offline, with no other origin) as
// a blob: URL; an image that was not saved becomes a quiet placeholder in the text that says
// so, with the picture's description. Blob URLs are released when the article goes.

import { request } from '../api/client';

function placeholder(img: HTMLImageElement, why: string): void {
  const note = document.createElement('span');
  note.className = 'image-missing';
  note.setAttribute('role', 'img');
  const alt = img.getAttribute('alt')?.trim();
  note.setAttribute('aria-label', alt ? `Image not saved: ${alt}` : 'Image not saved');
  note.textContent = alt ? `Image not saved: ${alt}` : 'Image not saved';
  const from = img.getAttribute('data-original-src');
  note.title = from ? `${why} — ${from}` : why;
  img.replaceWith(note);
}

/** Loads `root`'s kept images; returns a function that releases them. */
export function showArticleImages(root: HTMLElement, itemId: string): () => void {
  const urls: string[] = [];
  let gone = false;
  for (const img of Array.from(root.querySelectorAll<HTMLImageElement>('img[data-missing]'))) {
    placeholder(img, img.getAttribute('data-missing') ?? 'not saved');
  }
  for (const img of Array.from(root.querySelectorAll<HTMLImageElement>('img[data-dossier-asset]'))) {
    const name = img.getAttribute('data-dossier-asset') ?? '';
    img.decoding = 'async';
    img.loading = 'lazy';
    request('items.asset', { id: itemId, name }).then(
      ({ type, data }) => {
        if (gone) return;
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        const url = URL.createObjectURL(new Blob([bytes], { type }));
        urls.push(url);
        img.src = url;
      },
      () => {
        if (!gone && img.isConnected) placeholder(img, 'missing from the archive');
      },
    );
  }
  return () => {
    gone = true;
    for (const url of urls) URL.revokeObjectURL(url);
  };
}
