/**
 * The directory's public pages (DESIGN "Public directory"): `/annuaire`, `/annuaire/<ville>`,
 * `/s/<slug>`, `sitemap.xml`, `robots.txt`. Built by the pages work of issue 11.
 */
import type { Express } from 'express';
import type { CloudContext } from '../../context.js';

export function mountDirectoryPages(_app: Express, _ctx: CloudContext): void {}
