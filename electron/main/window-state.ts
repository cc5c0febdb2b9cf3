// What the window looked like when it last closed (bounds, maximised, theme), kept in a
// small versioned JSON file in userData. Reading never fails (anything odd gives the
// defaults) and a remembered position is used only if it is still on a screen.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../archive/core/atomic-file';

export const WINDOW_STATE_FILE = 'window-state.json';
export const WINDOW_STATE_VERSION = 1;
export const MIN_WIDTH = 720;
export const MIN_HEIGHT = 480;

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

const coordinate = z.number().int().min(-100_000).max(100_000);
const Bounds = z.object({
  x: coordinate,
  y: coordinate,
  width: z.number().int().min(MIN_WIDTH).max(20_000),
  height: z.number().int().min(MIN_HEIGHT).max(20_000),
});
const WindowStateSchema = z.object({
  version: z.literal(WINDOW_STATE_VERSION),
  bounds: Bounds.nullable(),
  maximized: z.boolean(),
  theme: z.enum(THEMES),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = {
  version: WINDOW_STATE_VERSION,
  bounds: null,
  maximized: false,
  theme: 'system',
};
export const DEFAULT_SIZE = { width: 1280, height: 820 };

/** The remembered state, or the defaults when the file is missing, unreadable or invalid. */
export async function readWindowState(file: string): Promise<WindowState> {
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
    return parsed.success ? parsed.data : { ...DEFAULT_WINDOW_STATE };
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
}

/** Writes the state atomically (a reader never sees half a file). Invalid state is refused. */
export async function writeWindowState(file: string, state: WindowState): Promise<void> {
  const valid = WindowStateSchema.parse(state);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(valid)}\n`);
}

/**
 * The remembered bounds if at least a reasonable part of the window (its top edge, where
 * the title bar is) lies on one of the screens' work areas; otherwise null (use defaults).
 */
export function visibleBounds(bounds: Rectangle | null, workAreas: Rectangle[]): Rectangle | null {
  if (!bounds) return null;
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: 40 };
  const onScreen = workAreas.some((area) => {
    const overlapX = Math.min(titleBar.x + titleBar.width, area.x + area.width) - Math.max(titleBar.x, area.x);
    const overlapY = Math.min(titleBar.y + titleBar.height, area.y + area.height) - Math.max(titleBar.y, area.y);
    return overlapX >= 100 && overlapY >= 20;
  });
  return onScreen ? bounds : null;
}

/** Rounds Electron's bounds into the stored shape, clamping to the minimum size. */
export function toStoredBounds(bounds: Rectangle): Rectangle {
  return {
    x: Math.max(-100_000, Math.min(100_000, Math.round(bounds.x))),
    y: Math.max(-100_000, Math.min(100_000, Math.round(bounds.y))),
    width: Math.max(MIN_WIDTH, Math.min(20_000, Math.round(bounds.width))),
    height: Math.max(MIN_HEIGHT, Math.min(20_000, Math.round(bounds.height))),
  };
}
