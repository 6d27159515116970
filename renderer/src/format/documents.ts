// Documents named by ledger events (work orders, shipments, receipts…) and where each one opens.
import type { Route } from '../app/routes';

export interface DocumentRef {
  type: string;
  number: string;
}

const documentWords: Record<string, string> = {
  work_order: 'Work order',
  workOrder: 'Work order',
  shipment: 'Shipment',
  receipt: 'Receipt',
  service: 'Service order',
  service_order: 'Service order',
};

export function documentLabel(doc: DocumentRef): string {
  return `${documentWords[doc.type] ?? doc.type.replace(/_/g, ' ')} ${doc.number}`;
}

/** The screen that shows a document, or null when it has none yet. */
export function routeForDocument(doc: DocumentRef): Route | null {
  const type = doc.type.toLowerCase();
  if (type.startsWith('work')) return { screen: 'workOrder', number: doc.number };
  if (type.startsWith('ship')) return { screen: 'shipment', number: doc.number };
  return null;
}

/** `ship` / `commissioning` / `urn:epcglobal:cbv:bizstep:receiving` → `Ship` / `Commissioning` / `Receiving` */
export function bizStepLabel(step: string): string {
  const last = step.split(/[:/]/).pop() ?? step;
  const words = last.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
