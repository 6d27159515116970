// The devices commands. Scanners run in the thread that serves windows and HTTP, never in the core's worker:
// serialport's bindings poll ports on the process's main event loop, and a port read from a worker thread crashes
// node ("Entering the V8 API without proper locking"). So `withDevices` wraps any LotlineApi (threaded or not):
// devices.* commands and the scan/devices events are answered here by the device manager; everything else passes on.
import { EventEmitter } from 'node:events';
import type { ParsedInput } from '../../common/api';
import { deviceCommands } from '../../common/api/devices';
import type { DeviceCommandName } from '../../common/api/devices';
import { LotlineError } from '../../common/errors';
import type { Envelope } from '../../common/errors';
import { DeviceManager, deviceConfigFile } from '../devices/manager';
import type { DeviceManagerOptions } from '../devices/manager';
import { describeValidation } from './dispatch';
import type { Handlers } from './handlers';
import type { ApiEvents, LotlineApi } from './types';
import type { AuthStatus } from '../../common/api/users';
import { hasRole, roleRefusalMessage } from '../core/users/access';
import { actionOf, allowedRoles } from './identify';

const noScanners = (): never => {
  throw new LotlineError('DEVICE', 'This Lotline process runs no scanners (a one-shot command line); open the app or `lotline serve` to configure them');
};

/** In the core's table: the core itself runs no scanners; `withDevices` answers these commands before they reach it. */
export const deviceHandlers: Pick<Handlers, DeviceCommandName> = {
  'devices.list': noScanners,
  'devices.discover': noScanners,
  'devices.save': noScanners,
  'devices.remove': noScanners,
  'devices.settings': noScanners,
  'devices.test': noScanners,
  'devices.takeScans': noScanners,
};

type DeviceRunners = { [K in DeviceCommandName]: (input: ParsedInput<K>, devices: DeviceManager) => unknown };

const runners: DeviceRunners = {
  'devices.list': (_input, devices) => devices.overview(),
  'devices.discover': (_input, devices) => devices.discover(),
  'devices.save': (input, devices) => devices.save(input),
  'devices.remove': (input, devices) => devices.remove(input.id),
  'devices.settings': (input, devices) => devices.saveSettings(input),
  'devices.test': (input, devices) => devices.test(input),
  'devices.takeScans': (_input, devices) => devices.takeScans(),
};

const isDeviceCommand = (name: string): name is DeviceCommandName => Object.hasOwn(deviceCommands, name);
const deviceTopics = new Set<keyof ApiEvents>(['scan', 'devices']);

export interface DeviceHostOptions extends Partial<Omit<DeviceManagerOptions, 'publish' | 'store'>> {
  /** The device settings file (scanners and scan settings of this workstation). */
  configFile: string;
}

/**
 * Device commands are answered here, beside the core, so the session is checked here too: the core says who it names
 * (auth.status), and the command's roles decide. An in-process caller without a session is the local system identity.
 */
async function deviceAccessRefusal(api: LotlineApi, name: DeviceCommandName, session: string | null | undefined): Promise<Envelope<never> | null> {
  if (session === undefined) return null;
  const status = await api.invoke('auth.status', {}, session);
  if (!status.ok) return status;
  const user = (status.value as AuthStatus).user;
  if (user === null) return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in first: your session has ended or was never started' } };
  const spec = deviceCommands[name];
  const allowed = allowedRoles(spec);
  if (hasRole(user.roles, allowed)) return null;
  return { ok: false, error: { code: 'FORBIDDEN', message: roleRefusalMessage(actionOf(spec), allowed, user.roles), details: { needed: allowed, has: user.roles } } };
}

/** The api with this workstation's scanners: started now, stopped by `close()`. */
export function withDevices(api: LotlineApi, options: DeviceHostOptions): LotlineApi & { readonly devices: DeviceManager; closeDevices(): Promise<void> } {
  const { configFile, ...managerOptions } = options;
  const emitter = new EventEmitter();
  const devices = new DeviceManager({ ...managerOptions, store: deviceConfigFile(configFile), publish: (event) => emitter.emit(event.topic, event.payload) });
  void devices.start();

  async function run(name: DeviceCommandName, raw: unknown): Promise<Envelope<unknown>> {
    const parsed = deviceCommands[name].input.safeParse(raw ?? {});
    if (!parsed.success) return { ok: false, error: describeValidation(parsed.error) };
    try {
      const runner = runners[name] as (input: unknown, devices: DeviceManager) => unknown;
      return { ok: true, value: await runner(parsed.data, devices) };
    } catch (error) {
      if (error instanceof LotlineError) return { ok: false, error: error.toBody() };
      return { ok: false, error: { code: 'INTERNAL', message: `Lotline could not complete ${name}: ${error instanceof Error ? error.message : String(error)}` } };
    }
  }

  return {
    dbPath: api.dbPath,
    devices,
    invoke: async (command, input, session) => {
      if (!isDeviceCommand(command)) return api.invoke(command, input, session);
      const refusal = await deviceAccessRefusal(api, command, session);
      return refusal ?? run(command, input);
    },
    subscribe<T extends keyof ApiEvents>(topic: T, listener: (payload: ApiEvents[T]) => void) {
      if (!deviceTopics.has(topic)) return api.subscribe(topic, listener);
      emitter.on(topic, listener);
      return () => emitter.off(topic, listener);
    },
    seedDemoIfEmpty: () => api.seedDemoIfEmpty(),
    closeDevices: () => devices.close(),
    close() {
      emitter.removeAllListeners();
      void devices.close();
      api.close();
    },
  };
}
