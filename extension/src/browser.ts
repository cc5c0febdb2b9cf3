// The extension API of whichever browser runs us: Firefox's promise-based `browser`, else
// Chromium's `chrome` (promise-based too in Manifest V3). One code base for both.

declare const browser: typeof chrome | undefined;

export const ext: typeof chrome = typeof browser !== 'undefined' ? browser : chrome;
