import { describe, expect, it, vi } from 'vitest';
import { BUILT_APP, appOrigin, isAppUrl } from './app-origin';
import {
  denyAllPermissions,
  externalUrl,
  guardDownloads,
  hardenWebContents,
  isDownloadAllowed,
  isNavigationAllowed,
  keepSpellcheckOffline,
  OFFLINE_DICTIONARY_URL,
} from './security';
import { FakeSession, FakeWebContents } from './fake-electron';

vi.mock('electron', () => ({}));

describe('the navigation rule', () => {
  it('allows the app’s own pages', () => {
    expect(isNavigationAllowed('app://dossier/index.html', BUILT_APP)).toBe(true);
    expect(isNavigationAllowed('app://dossier/', BUILT_APP)).toBe(true);
    expect(isNavigationAllowed('app://dossier/index.html#/item/1', BUILT_APP)).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://example.com/',
    'http://localhost:5173/',
    'file:///etc/passwd',
    'file:///work/out/renderer/index.html',
    'app://evil/index.html',
    'app://dossier.evil.com/',
    'app://user:pw@dossier/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    'dossier://x',
    'not a url',
    '',
  ])('cancels %s', (url) => {
    expect(isNavigationAllowed(url, BUILT_APP)).toBe(false);
  });

  it('allows the loopback dev server only when unpackaged', () => {
    const dev = appOrigin('http://localhost:5173/', false);
    expect(isNavigationAllowed('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isNavigationAllowed('http://localhost:5174/', dev)).toBe(false);
    expect(isNavigationAllowed('app://dossier/index.html', dev)).toBe(false);
    expect(appOrigin('http://localhost:5173/', true)).toBe(BUILT_APP);
    expect(appOrigin('https://example.com/', false)).toBe(BUILT_APP);
    expect(appOrigin(undefined, false)).toBe(BUILT_APP);
    expect(isAppUrl(null)).toBe(false);
  });
});

describe('the open-external rule', () => {
  it.each([
    ['https://example.com/story?id=1#p2', 'https://example.com/story?id=1#p2'],
    ['http://example.com', 'http://example.com/'],
    ['  https://menafn.com/  ', 'https://menafn.com/'],
  ])('opens %s in the OS browser', (url, expected) => {
    expect(externalUrl(url)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'file:///etc/passwd',
    'file://server/share',
    'data:text/html,hi',
    'vbscript:msgbox',
    'ms-msdt:/id PCWDiagnostic',
    'smb://host/share',
    'mailto:a@example.com',
    'app://dossier/index.html',
    'custom-app://open',
    'https://user:pass@example.com/',
    'http://',
    'not a url',
    `https://example.com/${'a'.repeat(5000)}`,
  ])('refuses %s', (url) => {
    expect(externalUrl(url)).toBeNull();
  });
});

describe('downloads', () => {
  it('lets the app save blobs it made and data URLs, nothing else', () => {
    expect(isDownloadAllowed('blob:app://dossier/0b5e8f1c-1234', BUILT_APP)).toBe(true);
    expect(isDownloadAllowed('data:text/markdown,hi', BUILT_APP)).toBe(true);
    expect(isDownloadAllowed('blob:https://evil.example/123', BUILT_APP)).toBe(false);
    expect(isDownloadAllowed('https://example.com/file.zip', BUILT_APP)).toBe(false);
    expect(isDownloadAllowed('file:///etc/passwd', BUILT_APP)).toBe(false);
  });

  it('cancels a foreign download and asks where to save an allowed one', () => {
    const session = new FakeSession();
    guardDownloads(session as never, BUILT_APP);
    const item = (url: string) => ({ getURL: () => url, getFilename: () => 'notes.md', setSaveDialogOptions: vi.fn() });
    const good = item('blob:app://dossier/abc');
    const bad = item('https://example.com/x.exe');
    const events = [good, bad].map((it) => {
      const event = { preventDefault: vi.fn() };
      session.emit('will-download', event, it);
      return event;
    });
    expect(events[0].preventDefault).not.toHaveBeenCalled();
    expect(good.setSaveDialogOptions).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: 'notes.md' }));
    expect(events[1].preventDefault).toHaveBeenCalled();
  });
});

describe('hardening a web contents', () => {
  function hardened() {
    const contents = new FakeWebContents();
    const opened: string[] = [];
    hardenWebContents(contents as never, BUILT_APP, async (url) => void opened.push(url));
    return { contents, opened };
  }

  it('cancels navigation away from the app and opens http(s) links in the OS browser', async () => {
    const { contents, opened } = hardened();
    expect(contents.fire('will-navigate', 'app://dossier/index.html')).toBe(false);
    expect(contents.fire('will-navigate', 'https://example.com/a')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(opened).toEqual(['https://example.com/a']);
  });

  it('cancels redirects away from the app', () => {
    const { contents, opened } = hardened();
    expect(contents.fire('will-redirect', 'app://dossier/index.html')).toBe(false);
    expect(contents.fire('will-redirect', 'https://example.com/')).toBe(true);
    expect(contents.fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(opened).toEqual([]);
  });

  it('denies every window.open, handing only http(s) to the OS browser', () => {
    const { contents, opened } = hardened();
    for (const url of [
      'https://example.com/',
      'http://example.org/x',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,x',
      'app://dossier/index.html',
      'custom://x',
    ]) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://example.com/', 'http://example.org/x']);
  });

  it('refuses to attach webviews', () => {
    const { contents } = hardened();
    expect(contents.fire('will-attach-webview', {}, {})).toBe(true);
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    const session = new FakeSession();
    denyAllPermissions(session as never);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'fullscreen',
      'openExternal',
      'midi',
    ]) {
      const callback = vi.fn();
      session.permissionRequestHandler!({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler!({}, permission, 'app://dossier', {})).toBe(false);
    }
    expect(session.devicePermissionHandler!({ deviceType: 'usb' })).toBe(false);
  });
});

describe('the spellchecker', () => {
  it('never downloads dictionaries: off on Linux and Windows, the OS’s own on macOS', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const session = new FakeSession();
      keepSpellcheckOffline(session as never, platform);
      expect(session.spellCheckerEnabled).toBe(false);
      expect(session.spellCheckerLanguages).toEqual([]);
      expect(session.spellCheckerDictionaryDownloadURL).toBe(OFFLINE_DICTIONARY_URL);
    }
    const mac = new FakeSession();
    keepSpellcheckOffline(mac as never, 'darwin');
    expect(mac.spellCheckerEnabled).toBe(true);
    expect(mac.spellCheckerDictionaryDownloadURL).toBe(OFFLINE_DICTIONARY_URL);
  });

  it('points the dictionary downloader at this machine only', () => {
    const url = new URL(OFFLINE_DICTIONARY_URL);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname.endsWith('/')).toBe(true);
  });
});
