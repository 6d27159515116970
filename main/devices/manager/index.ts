// The scanners this workstation runs, their state, and the hardware scans they hand to the screens.
export { DeviceManager } from './device-manager';
export type { DeviceManagerEvent, DeviceManagerOptions } from './device-manager';
export { deviceConfigFile, memoryDeviceConfig } from './config-file';
export type { DeviceConfigStore, DeviceFile } from './config-file';
export { discoverDevices } from './discovery';
export { deviceLabel } from './drivers';
export { ScanFeed } from './scan-feed';
