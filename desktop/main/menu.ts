/** The application menu (French by default). Data only (Electron types), so that it is tested under Node. */
import type { MenuItemConstructorOptions } from 'electron';
import type { Locale } from '../../shared/i18n/texts.js';
import { MAIN_TEXTS } from './texts.js';

export interface MenuOptions {
  /** Developer tools only in development. */
  isPackaged: boolean;
  openWebsite(): void;
  showAbout(): void;
  locale?: Locale;
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const t = MAIN_TEXTS[options.locale ?? 'fr'];
  const view: MenuItemConstructorOptions[] = [
    { label: t.reload, role: 'reload' },
    { type: 'separator' },
    { label: t.resetZoom, role: 'resetZoom' },
    { label: t.zoomIn, role: 'zoomIn' },
    { label: t.zoomOut, role: 'zoomOut' },
    { type: 'separator' },
    { label: t.fullScreen, role: 'togglefullscreen' },
  ];
  if (!options.isPackaged) view.push({ type: 'separator' }, { label: t.devTools, role: 'toggleDevTools' });
  return [
    { label: t.file, submenu: [{ label: t.quit, role: 'quit', accelerator: 'CmdOrCtrl+Q' }] },
    {
      label: t.edit,
      submenu: [
        { label: t.undo, role: 'undo' },
        { label: t.redo, role: 'redo' },
        { type: 'separator' },
        { label: t.cut, role: 'cut' },
        { label: t.copy, role: 'copy' },
        { label: t.paste, role: 'paste' },
        { label: t.selectAll, role: 'selectAll' },
      ],
    },
    { label: t.view, submenu: view },
    {
      label: t.help,
      submenu: [
        { label: t.website, click: () => options.openWebsite() },
        { type: 'separator' },
        { label: t.about, click: () => options.showAbout() },
      ],
    },
  ];
}
