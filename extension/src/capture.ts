// Runs inside the page being saved (injected with scripting.executeScript, so it must not
// reach outside itself): takes the DOM as the reader sees it, after scripts ran, with the
// images the page already loaded inlined as data: URIs, plus the selected passage.

export interface CapturedPage {
  url: string;
  title: string;
  html: string;
  selection: string;
  /** Images kept as data: URIs / images left as links (too large, or not readable). */
  images: { inlined: number; linked: number };
}

export async function capturePage(limits: { maxImageBytes: number; maxTotalBytes: number }): Promise<CapturedPage> {
  const asDataUrl = (blob: Blob): Promise<string> =>
    new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });

  /** The bytes of an image the page already shows: from the cache, else redrawn from the element. */
  const inline = async (img: HTMLImageElement): Promise<string | null> => {
    const src = img.currentSrc || img.src;
    if (!src || !img.complete || img.naturalWidth === 0) return null;
    if (src.startsWith('data:')) return src.length <= limits.maxImageBytes * 1.4 ? src : null;
    try {
      const response = await fetch(src, { cache: 'force-cache', credentials: 'include' });
      if (response.ok) {
        const blob = await response.blob();
        if (blob.type.startsWith('image/') && blob.size <= limits.maxImageBytes) return await asDataUrl(blob);
        if (blob.size > limits.maxImageBytes) return null;
      }
    } catch {
      // cross-origin without CORS: try drawing it instead
    }
    try {
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      canvas.getContext('2d')?.drawImage(img, 0, 0);
      const url = canvas.toDataURL('image/png');
      return url.length <= limits.maxImageBytes * 1.4 ? url : null;
    } catch {
      return null; // a tainted canvas: the image stays a link
    }
  };

  const live = Array.from(document.images);
  const clone = document.documentElement.cloneNode(true) as HTMLElement;
  const copies = Array.from(clone.querySelectorAll('img'));
  // Scripts already ran; their output is in the DOM. Nothing of them is needed, or wanted.
  for (const el of Array.from(clone.querySelectorAll('script, noscript, iframe, object, embed'))) el.remove();

  let total = 0;
  const images = { inlined: 0, linked: 0 };
  const inlined = await Promise.all(live.map((img) => inline(img).catch(() => null)));
  live.forEach((img, i) => {
    const copy = copies[i];
    if (!copy) return;
    const data = inlined[i];
    copy.removeAttribute('srcset');
    copy.removeAttribute('loading');
    copy.removeAttribute('sizes');
    if (data !== null && total + data.length <= limits.maxTotalBytes) {
      total += data.length;
      copy.setAttribute('src', data);
      images.inlined++;
    } else if (img.currentSrc || img.src) {
      copy.setAttribute('src', img.currentSrc || img.src);
      images.linked++;
    }
  });

  return {
    url: location.href,
    title: document.title,
    html: `<!DOCTYPE html>\n${clone.outerHTML}`,
    selection: String(window.getSelection() ?? '').trim(),
    images,
  };
}
