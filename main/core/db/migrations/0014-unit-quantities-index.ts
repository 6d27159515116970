// What each lot or serial consumed, shipped into or was sampled by, per unit: the quantity joins the by-unit index
// of event_units, so that those sums are read from the index alone. A recall's quantities over 459,000 units of the
// plant dataset read the table row of each of 2.6 million event_units entries for `qty` (1.7 s of 2.3 s). Same
// b-tree, one more small integer per entry: a scan still writes one page of it.
export const unitQuantitiesIndex = `
DROP INDEX event_units_by_unit;
CREATE INDEX event_units_by_unit ON event_units(unit_id, event_id, qty);
`;
