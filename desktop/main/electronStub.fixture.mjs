// A stand-in for the 'electron' module (the binary is not available under Node): records what
// the main process asks of Electron, so that the BUILT bundle can be started and called.
import { EventEmitter } from 'node:events';

const stub = { calls: [], handlers: new Map(), windows: [], onHeadersReceived: null, permissionHandler: null };
globalThis.__electronStub = stub;

export const app = {
  isPackaged: process.env.STUB_PACKAGED === '1',
  requestSingleInstanceLock: () => true,
  quit: () => stub.calls.push(['quit']),
  on: (name, listener) => {
    stub.calls.push(['app.on', name]);
    void listener;
    return app;
  },
  whenReady: () => Promise.resolve(),
  getAppPath: () => process.env.STUB_APP_PATH,
  getPath: () => process.env.STUB_USER_DATA,
  getVersion: () => '0.0.0-test',
};

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = { send: (...args) => stub.calls.push(['send', ...args]), isDestroyed: () => false };
    stub.windows.push(this);
  }
  loadURL(url) {
    stub.calls.push(['loadURL', url]);
    return Promise.resolve();
  }
  isMinimized() {
    return false;
  }
}

export const dialog = {
  showErrorBox: (...args) => stub.calls.push(['showErrorBox', ...args]),
  showMessageBox: async () => ({ response: 0 }),
};
export const ipcMain = {
  handle: (channel, listener) => stub.handlers.set(channel, listener),
  removeHandler: (channel) => stub.handlers.delete(channel),
};
export const Menu = {
  buildFromTemplate: (template) => template,
  setApplicationMenu: (menu) => stub.calls.push(['setApplicationMenu', menu]),
};
export const safeStorage = {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: () => {
    throw new Error('not available');
  },
  decryptString: () => {
    throw new Error('not available');
  },
};
export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: (listener) => (stub.onHeadersReceived = listener) },
    setPermissionRequestHandler: (handler) => (stub.permissionHandler = handler),
  },
};
export const shell = { openExternal: async (url) => stub.calls.push(['openExternal', url]) };
