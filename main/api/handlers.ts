// Each command implemented once. The mapped type makes a missing or misspelled command a compile error.
import type { CommandName, CommandResult, Commands, ParsedInput } from '../../common/api';
import { DEFAULT_TRACE_DEPTH, DEFAULT_TRACE_WINDOW } from '../../common/api/trace';
import { verifyAudit } from '../core/audit/verify';
import type { Core } from '../core/context';
import { schemaVersion } from '../core/db/open';
import { createItem, itemByPart, listItems, toItem } from '../core/masterdata/items';
import { createLocation, listLocations } from '../core/masterdata/locations';
import { createParty, listParties } from '../core/masterdata/parties';
import { dashboard } from '../core/overview/dashboard';
import { search } from '../core/overview/search';
import { listAudit } from '../core/audit/list';
import { auditCsv } from '../core/audit/export-csv';
import { createBom, listBoms } from '../core/production/boms';
import { closeWorkOrder, consume, createWorkOrder, listWorkOrders, produce, reverseConsumption, workOrderDetail } from '../core/production/work-orders';
import { receive } from '../core/receiving/receive';
import { listService, recordService } from '../core/service/service-events';
import { listShipments, ship, shipmentDetail } from '../core/shipping/shipments';
import { recallImpact, trace } from '../core/trace/trace';
import type { TraceWindow } from '../core/trace/trace';
import { listUnits, unitDetail } from '../core/units/detail';
import { takeSample } from '../core/units/sample';
import { decideStatus } from './status-decision';
import { existsSync, statSync } from 'node:fs';
import { exportEpcis } from '../core/epcis/export';
import { importEpcis } from '../core/epcis/import';
import type { ApiEvents } from './types';
import { fileSource, textSource } from '../core/epcis/document-reader';
import { stationScan } from '../core/stations/scan';
import { readSettings, writeSettings } from '../core/settings/settings';
import { printingHandlers } from './printing';
import { deviceHandlers } from './devices';
import { labelHandlers } from './labels';
import type { SessionStore } from '../core/users/sessions';
import type { Caller, Prepared } from './caller';
import { userHandlers } from './users';
import { signatureHandlers } from './signatures';
import { qualityHandlers } from './quality';
import { recordHandlers } from './records';
import { recallHandlers } from './recall';
import { packageHandlers } from './packages';
import { auditPdfHandler } from './audit-pdf';
import { reviewHandlers } from './review';

export interface HandlerContext {
  core: Core;
  version: string;
  /** The sessions of this api instance. */
  sessions: SessionStore;
  /** Who called: the session the door carried, or the local system identity. */
  caller: Caller;
  /** A password checked or hashed before the transaction (scrypt is slow). */
  prepared: Prepared;
  /** Pushes an api event (the progress of long work) to windows, web clients and the CLI. */
  publish?: <T extends keyof ApiEvents>(topic: T, payload: ApiEvents[T]) => void;
  /** File URL of the EPCIS check worker (see ApiOptions). */
  epcisChecker?: string | undefined;
}

/** A device command (a printer) answers later: its handler returns a promise. */
export type Handlers = {
  [K in CommandName]: (input: ParsedInput<K>, ctx: HandlerContext) => Commands[K] extends { device: true } ? Promise<CommandResult<K>> : CommandResult<K>;
};

export const handlers: Handlers = {
  'items.create': (input, { core }) => createItem(core, input),
  'items.list': (_input, { core }) => listItems(core.db),
  'items.get': (input, { core }) => toItem(itemByPart(core.db, input.part)),
  'suppliers.create': (input, { core }) => createParty(core, 'suppliers', input),
  'suppliers.list': (_input, { core }) => listParties(core.db, 'suppliers'),
  'customers.create': (input, { core }) => createParty(core, 'customers', input),
  'customers.list': (_input, { core }) => listParties(core.db, 'customers'),
  'locations.create': (input, { core }) => createLocation(core, input),
  'locations.list': (_input, { core }) => listLocations(core.db),

  'receiving.receive': (input, { core }) => receive(core, input),
  'lots.list': (input, { core }) => listUnits(core.db, 'lot', input),
  'serials.list': (input, { core }) => listUnits(core.db, 'serial', input),
  'units.get': (input, { core }) => unitDetail(core.db, input.ref),
  'units.setStatus': (input, ctx) => decideStatus(ctx, input),
  'units.sample': (input, { core }) => takeSample(core, input),
  'events.reverse': (input, { core }) => reverseConsumption(core, input.eventId, input.reason),

  'boms.create': (input, { core }) => createBom(core, input),
  'boms.list': (input, { core }) => listBoms(core.db, input.part),
  'workOrders.create': (input, { core }) => createWorkOrder(core, input),
  'workOrders.consume': (input, { core }) => consume(core, input),
  'workOrders.produce': (input, { core }) => produce(core, input),
  'workOrders.close': (input, { core }) => closeWorkOrder(core, input.workOrder),
  'workOrders.get': (input, { core }) => workOrderDetail(core.db, input.workOrder),
  'workOrders.list': (input, { core }) => listWorkOrders(core.db, input.status, input.limit ?? 200),

  'shipments.ship': (input, { core }) => ship(core, input),
  'shipments.get': (input, { core }) => shipmentDetail(core.db, input.number),
  'shipments.list': (input, { core }) => listShipments(core.db, input.customer, input.limit ?? 200),

  'service.record': (input, { core }) => recordService(core, input),
  'service.list': (input, { core }) => listService(core.db, input.serial),

  'trace.backward': (input, { core }) => trace(core.db, input.ref, 'backward', input.depth ?? DEFAULT_TRACE_DEPTH, traceWindow(input)),
  'trace.forward': (input, { core }) => trace(core.db, input.ref, 'forward', input.depth ?? DEFAULT_TRACE_DEPTH, traceWindow(input)),
  'recall.impact': (input, { core }) => recallImpact(core.db, input.refs, DEFAULT_TRACE_DEPTH),

  'audit.verify': (_input, { core }) => verifyAudit(core.db),
  'audit.list': (input, { core }) => listAudit(core.db, input),
  'audit.exportCsv': (input, { core }) => auditCsv(core.db, input, core.now()),

  'search.query': (input, { core }) => search(core.db, input.q),
  'dashboard.summary': (_input, { core }) => dashboard(core.db, core.now().toISOString().slice(0, 10)),
  'epcis.import': (input, { core, publish, epcisChecker }) =>
    importEpcis(core, input.file !== undefined ? fileSource(input.file) : textSource(input.text ?? ''), (p) => publish?.('progress', { command: 'epcis.import', job: input.job ?? null, ...p }), {
      checker: epcisChecker,
    }),
  'epcis.export': (input, { core }) => exportEpcis(core, input),
  ...printingHandlers,
  ...deviceHandlers,
  ...labelHandlers,
  ...userHandlers,
  ...signatureHandlers,
  ...qualityHandlers,
  ...recordHandlers,
  ...recallHandlers,
  ...packageHandlers,
  ...auditPdfHandler,
  ...reviewHandlers,

  'stations.scan': (input, { core }) => stationScan(core, input),
  'settings.get': (_input, { core }) => readSettings(core.db),
  'settings.set': (input, { core }) => writeSettings(core, input),

  'system.info': (_input, { core, version }) => ({
    version,
    schemaVersion: schemaVersion(core.db),
    database: core.db.name,
    // The file and its write-ahead log together: recent changes live in the -wal file until a checkpoint.
    databaseBytes: core.db.memory ? 0 : [core.db.name, `${core.db.name}-wal`].reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0),
    site: 'Lotline',
    actor: core.actor,
  }),
};

function traceWindow(input: { offset?: number | undefined; limit?: number | undefined }): TraceWindow {
  return { offset: input.offset ?? 0, limit: input.limit ?? DEFAULT_TRACE_WINDOW };
}
