// What a scan at a work order reads, without reading every event on the work order (a long work order has thousands
// of consumptions, and each scan read them all):
// - its production events (those that output lots and serials), by work order: the outputs a consumption links to
//   and the quantity produced come from them alone. Partial: a consumption writes no entry. The steps are
//   PRODUCTION_STEPS in production/work-orders.ts.
// - what each component item has given it so far (`work_order_consumed`): the sum of its consumptions not
//   reversed, derived from the ledger and kept in step by consume, produce and reversal in the same transaction
//   (production/consumed.ts), so that "still required" is one lookup.
export const workOrderReads = `
CREATE INDEX events_production ON events(doc_id)
  WHERE doc_type = 'work_order' AND kind = 'transformation' AND biz_step IN ('commissioning', 'creating_class_instance');

CREATE TABLE work_order_consumed (
  work_order_id INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  qty INTEGER NOT NULL,
  PRIMARY KEY (work_order_id, item_id)
) STRICT, WITHOUT ROWID;

INSERT INTO work_order_consumed (work_order_id, item_id, qty)
  SELECT e.doc_id, u.item_id, sum(eu.qty)
    FROM events e JOIN event_units eu ON eu.event_id = e.id AND eu.role = 'input' JOIN units u ON u.id = eu.unit_id
   WHERE e.doc_type = 'work_order' AND NOT EXISTS (SELECT 1 FROM events r WHERE r.corrects_event_id = e.id)
   GROUP BY e.doc_id, u.item_id;
`;
