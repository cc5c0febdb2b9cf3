// The extension's background: the "Save to Dossier" context-menu entries (the page, with
// the selection if there is one; a link, as a bookmark). The outcome shows on the toolbar
// badge, since a context menu has no popup to answer in.

import { ext } from './browser';
import { call } from './dossier';
import { saveTab } from './save';

const MENU_PAGE = 'dossier-save-page';
const MENU_LINK = 'dossier-save-link';

ext.runtime.onInstalled.addListener(() => {
  ext.contextMenus.create({ id: MENU_PAGE, title: 'Save to Dossier', contexts: ['page', 'selection', 'image'] });
  ext.contextMenus.create({ id: MENU_LINK, title: 'Save link to Dossier (as a bookmark)', contexts: ['link'] });
});

async function show(ok: boolean, message: string, tabId?: number): Promise<void> {
  await ext.action.setBadgeBackgroundColor({ color: ok ? '#2f6f4f' : '#a33' });
  await ext.action.setBadgeText({ text: ok ? '✓' : '!', tabId });
  await ext.action.setTitle({ title: message, tabId });
  setTimeout(() => void ext.action.setBadgeText({ text: '', tabId }), 4_000);
}

ext.contextMenus.onClicked.addListener((info, tab) => {
  void (async () => {
    if (info.menuItemId === MENU_LINK && info.linkUrl) {
      const outcome = await call<{ title: string }>('import.page', {
        url: info.linkUrl,
        title: info.selectionText ?? info.linkUrl,
        bookmarkOnly: true,
      });
      return show(
        outcome.ok,
        outcome.ok ? `Saved “${outcome.value.title}” to Dossier` : outcome.error.message,
        tab?.id,
      );
    }
    if (info.menuItemId !== MENU_PAGE || !tab) return;
    const outcome = await saveTab(tab, {}, info.selectionText);
    return show(outcome.ok, outcome.ok ? `Saved “${outcome.value.title}” to Dossier` : outcome.error.message, tab.id);
  })();
});
