import { describe, expect, it } from 'vitest';
import { appEntryUrl, isAllowedExternalUrl, isAppUrl } from './origins.js';
import { DEFAULT_SERVER_URL, resolveServerUrl } from './config.js';
import { menuTemplate } from './menu.js';

describe('the app page', () => {
  const built = { webDir: '/opt/Styliste/resources/app.asar/out/web' };
  const dev = { webDir: built.webDir, devServerUrl: 'http://localhost:5173/' };

  it('loads the built app from file://, or the dev server', () => {
    expect(appEntryUrl(built)).toBe('file:///opt/Styliste/resources/app.asar/out/web/index.html');
    expect(appEntryUrl(dev)).toBe('http://localhost:5173/');
  });

  it('recognises only its own page as a trusted sender', () => {
    expect(isAppUrl(built, 'file:///opt/Styliste/resources/app.asar/out/web/index.html#/commandes/A-42')).toBe(true);
    expect(isAppUrl(built, 'file:///opt/Styliste/resources/app.asar/out/web/../../../../../etc/passwd')).toBe(false);
    expect(isAppUrl(built, 'file:///opt/Styliste/resources/app.asar/out/web%2f..%2f..%2fevil.html')).toBe(false);
    expect(isAppUrl(built, 'file:///opt/Styliste/resources/app.asar/out/web-evil/index.html')).toBe(false);
    expect(isAppUrl(built, 'file://evil-host/opt/Styliste/resources/app.asar/out/web/index.html')).toBe(false);
    expect(isAppUrl(built, 'http://localhost:5173/')).toBe(false);
    expect(isAppUrl(built, 'pas une adresse')).toBe(false);
    expect(isAppUrl(dev, 'http://localhost:5173/clients')).toBe(true);
    expect(isAppUrl(dev, 'http://localhost:5174/')).toBe(false);
    expect(isAppUrl(dev, 'file:///opt/Styliste/resources/app.asar/out/web/index.html')).toBe(false);
  });

  it('hands only https, tel and whatsapp links to the system', () => {
    for (const url of ['https://styliste.bj/aide', 'tel:+2290197000000', 'whatsapp://send?phone=2290197000000']) expect(isAllowedExternalUrl(url)).toBe(true);
    for (const url of ['http://styliste.bj', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'ms-msdt:/id', 'https://user:pw@evil.example', '']) {
      expect(isAllowedExternalUrl(url)).toBe(false);
    }
  });
});

describe('settings', () => {
  it('takes the server from STYLISTE_SERVER_URL, else the default', () => {
    expect(resolveServerUrl({})).toBe(DEFAULT_SERVER_URL);
    expect(resolveServerUrl({ STYLISTE_SERVER_URL: ' http://192.168.1.10:3000/ ' })).toBe('http://192.168.1.10:3000');
    expect(() => resolveServerUrl({ STYLISTE_SERVER_URL: 'ftp://styliste.bj' })).toThrow(/STYLISTE_SERVER_URL/);
  });

  it('shows the developer tools in the menu only when not packaged', () => {
    const labels = (packaged: boolean) =>
      menuTemplate({ isPackaged: packaged, openWebsite: () => undefined, showAbout: () => undefined }).map((menu) => ({
        label: menu.label,
        items: Array.isArray(menu.submenu) ? menu.submenu.map((item) => item.label).filter(Boolean) : [],
      }));
    expect(labels(true).map((m) => m.label)).toEqual(['Fichier', 'Édition', 'Affichage', 'Aide']);
    expect(labels(true).flatMap((m) => m.items)).toEqual(expect.arrayContaining(['Quitter', 'Recharger']));
    expect(labels(true).flatMap((m) => m.items)).not.toContain('Outils de développement');
    expect(labels(false).flatMap((m) => m.items)).toContain('Outils de développement');
  });
});
