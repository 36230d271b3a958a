/**
 * The preload script (sandboxed, bundled as CommonJS): exposes `window.styliste` = the typed host
 * API ({invoke, subscribe}) and nothing else of Electron.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY, createHostApi } from './bridge.js';

contextBridge.exposeInMainWorld(BRIDGE_KEY, createHostApi(ipcRenderer));
