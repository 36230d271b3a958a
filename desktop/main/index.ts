/**
 * Electron's main process, kept thin: one window on the built web app, a French menu, the
 * security settings, and the host service (engine, session, sync) behind one IPC entry. Every
 * piece with logic lives beside it and is tested under Node.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell, type WebContents } from 'electron';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { HostService } from '../../shared/host/hostService.js';
import type { Channel } from '../../shared/host/channels.js';
import { createNodePorts, type Encryptor } from './nodePorts.js';
import { registerIpc, type IpcBridge } from './ipc.js';
import { appEntryUrl, isAllowedExternalUrl, isAppUrl, type AppLocation } from './origins.js';
import { CONTENT_SECURITY_POLICY, DEFAULT_SERVER_URL, resolveServerUrl } from './config.js';
import { menuTemplate } from './menu.js';
import { paymentPageOpener } from './paymentPage.js';
import { MAIN_TEXTS } from './texts.js';
import { text, type Locale } from '../../shared/i18n/texts.js';

/** The window's menu and dialogs speak the workshop's language, French (the app inside switches on its own). */
const MENU_LOCALE: Locale = 'fr';

let mainWindow: BrowserWindow | null = null;

const log = (message: string, error?: unknown) => console.error(`[styliste] ${message}`, error ?? '');

/** safeStorage, except Linux's "basic_text" fallback (a fixed, public key): that is not encryption. */
function systemEncryptor(): Encryptor {
  return {
    isEncryptionAvailable: () =>
      safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
    encryptString: (plainText) => safeStorage.encryptString(plainText),
    decryptString: (encrypted) => safeStorage.decryptString(encrypted),
  };
}

/** Links open in the system's browser or dialler; the window never leaves the app. */
function harden(contents: WebContents, location: AppLocation): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppUrl(location, event.url)) return;
    event.preventDefault();
    if (isAllowedExternalUrl(event.url)) void shell.openExternal(event.url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function secureSession(location: AppLocation): void {
  // The built app's policy, as a header on its page (the dev server's page is left alone: Vite's
  // hot reload needs inline scripts). The web build may carry the same policy in a <meta> tag.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    if (!location.devServerUrl && details.resourceType === 'mainFrame' && isAppUrl(location, details.url)) {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    } else {
      callback({});
    }
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const fromApp = isAppUrl(location, details.requestingUrl);
    callback(fromApp && (permission === 'clipboard-sanitized-write' || permission === 'fullscreen' || permission === 'media'));
  });
}

function createWindow(location: AppLocation): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Styliste',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: join(app.getAppPath(), 'out', 'desktop', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window.loadURL(appEntryUrl(location)).catch((error: unknown) => log('Chargement de la fenêtre impossible', error));
  return window;
}

async function start(): Promise<void> {
  const location: AppLocation = {
    webDir: join(app.getAppPath(), 'out', 'web'),
    // Only an unpackaged app may be pointed at a dev server.
    devServerUrl: app.isPackaged ? null : process.env.VITE_DEV_SERVER_URL || null,
  };
  app.on('web-contents-created', (_event, contents) => harden(contents, location));
  secureSession(location);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        locale: MENU_LOCALE,
        isPackaged: app.isPackaged,
        openWebsite: () => void shell.openExternal(DEFAULT_SERVER_URL),
        showAbout: () =>
          void dialog.showMessageBox({
            type: 'info',
            title: 'Styliste',
            message: text(MAIN_TEXTS, MENU_LOCALE, 'aboutMessage', { version: app.getVersion() }),
            detail: text(MAIN_TEXTS, MENU_LOCALE, 'aboutDetail'),
          }),
      }),
    ),
  );

  let bridge: IpcBridge | null = null;
  const ports = createNodePorts({
    dataDir: app.getPath('userData'),
    serverUrl: resolveServerUrl(process.env),
    deviceName: hostname(),
    encryptor: systemEncryptor(),
    emit: (event) => bridge?.emit(event),
  });
  ports.openExternal = paymentPageOpener((url) => shell.openExternal(url));
  const service = new HostService(ports);
  // The window opens at once; calls wait until the saved session (if any) has reopened the workshop.
  const ready = service.init().catch((error: unknown) => log('Réouverture de l’atelier impossible', error));
  bridge = registerIpc(
    ipcMain,
    {
      handle: async (channel: Channel, payload: unknown) => {
        await ready;
        return service.handle(channel, payload);
      },
    },
    () => mainWindow?.webContents ?? null,
    { isAllowedSender: (url) => isAppUrl(location, url), log },
  );
  mainWindow = createWindow(location);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log('Démarrage impossible', error);
      dialog.showErrorBox('Styliste', text(MAIN_TEXTS, MENU_LOCALE, 'startFailed', { reason: error instanceof Error ? error.message : String(error) }));
      app.quit();
    });
}
