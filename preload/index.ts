// Runs in the sandboxed preload: exposes `window.lotline` ({ invoke, subscribe }) and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import type { LotlineBridge } from '../common/api/index';
import { createBridge } from './bridge';

const bridge = createBridge(ipcRenderer) satisfies LotlineBridge;

contextBridge.exposeInMainWorld('lotline', bridge);
