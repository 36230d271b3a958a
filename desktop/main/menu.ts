/** The application menu, in French. Data only (Electron types), so that it is tested under Node. */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  /** Developer tools only in development. */
  isPackaged: boolean;
  openWebsite(): void;
  showAbout(): void;
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { label: 'Recharger', role: 'reload' },
    { type: 'separator' },
    { label: 'Taille réelle', role: 'resetZoom' },
    { label: 'Zoom avant', role: 'zoomIn' },
    { label: 'Zoom arrière', role: 'zoomOut' },
    { type: 'separator' },
    { label: 'Plein écran', role: 'togglefullscreen' },
  ];
  if (!options.isPackaged) view.push({ type: 'separator' }, { label: 'Outils de développement', role: 'toggleDevTools' });
  return [
    { label: 'Fichier', submenu: [{ label: 'Quitter', role: 'quit', accelerator: 'CmdOrCtrl+Q' }] },
    {
      label: 'Édition',
      submenu: [
        { label: 'Annuler', role: 'undo' },
        { label: 'Rétablir', role: 'redo' },
        { type: 'separator' },
        { label: 'Couper', role: 'cut' },
        { label: 'Copier', role: 'copy' },
        { label: 'Coller', role: 'paste' },
        { label: 'Tout sélectionner', role: 'selectAll' },
      ],
    },
    { label: 'Affichage', submenu: view },
    {
      label: 'Aide',
      submenu: [
        { label: 'Site de Styliste', click: () => options.openWebsite() },
        { type: 'separator' },
        { label: 'À propos de Styliste', click: () => options.showAbout() },
      ],
    },
  ];
}
