// The fonts every PDF embeds (resources/fonts), registered on a pdfkit document before its first text: pdfkit
// otherwise falls back to Helvetica, which it does not embed.
import { existsSync, readFileSync } from 'node:fs';
import { create } from 'fontkit';
import type { FontkitFont } from 'fontkit';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const fontFiles = {
  sans: 'DejaVuSans.ttf',
  sansBold: 'DejaVuSans-Bold.ttf',
  condensed: 'DejaVuSansCondensed.ttf',
  condensedBold: 'DejaVuSansCondensed-Bold.ttf',
  mono: 'DejaVuSansMono.ttf',
} as const;
export type FontName = keyof typeof fontFiles;

let found: string | undefined;

/** resources/fonts: in the packaged app under process.resourcesPath, else the nearest one up from this module. */
export function fontDir(): string {
  if (found) return found;
  const candidates: string[] = [];
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged) candidates.push(join(packaged, 'resources', 'fonts'));
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    candidates.push(join(dir, 'resources', 'fonts'));
    if (dirname(dir) === dir) break;
  }
  found = candidates.find((dir) => existsSync(join(dir, fontFiles.sans)));
  if (!found) throw new Error(`The PDF fonts are missing: none of ${candidates.slice(0, 4).join(', ')} holds ${fontFiles.sans}`);
  return found;
}

export function fontPath(name: FontName): string {
  return join(fontDir(), fontFiles[name]);
}

const parsed = new Map<FontName, FontkitFont>();

/**
 * The font parsed once per process: pdfkit takes a parsed font as well as a file, and parsing DejaVu's tables costs
 * about as much as laying out a page of text, for every font of every document.
 */
export function parsedFont(name: FontName): FontkitFont {
  let font = parsed.get(name);
  if (font === undefined) {
    font = create(readFileSync(fontPath(name)));
    parsed.set(name, font);
  }
  return font;
}

/** The part of a pdfkit document the kit needs. */
export interface FontRegistry {
  registerFont(name: string, src: never): unknown;
}

/** Registers every font under its name; call before the first text. */
export function registerFonts(doc: FontRegistry): void {
  for (const name of Object.keys(fontFiles) as FontName[]) doc.registerFont(name, parsedFont(name) as never);
}
