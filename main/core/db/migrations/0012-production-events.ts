// A work order's production events (those that output lots and serials) by work order: the outputs a consumption
// links to and the quantity produced are read from them alone, instead of from every event on the work order (a
// long work order has thousands of consumptions, and each scan read them all). Partial: a consumption scan writes
// no entry, so the index costs the scan nothing. The steps are PRODUCTION_STEPS in production/work-orders.ts.
export const productionEvents = `
CREATE INDEX events_production ON events(doc_id)
  WHERE doc_type = 'work_order' AND kind = 'transformation' AND biz_step IN ('commissioning', 'creating_class_instance');
`;
