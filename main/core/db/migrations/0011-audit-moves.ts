// The stock an event moves is recorded in the event's own trail row (`moves`): the lots and serials whose quantity
// or status the event changed, each as it stood after the change with the fields it changed and their old values.
// A scan that books a lot out writes one trail row instead of two (the event's and the unit's), and the chain hashes
// `moves` with the rest of the row (audit/trail.ts). Rows written before this migration have none (NULL).
export const auditMoves = `
ALTER TABLE audit_trail ADD COLUMN moves TEXT;
`;
