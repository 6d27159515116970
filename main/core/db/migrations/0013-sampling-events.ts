// Lotline's own sampling events (`units.sample`, biz step 'sampling': SAMPLING_BIZ_STEP in units/sample.ts), by id:
// a recall's mass balance counts what was taken out as samples, and without this it read every event of every
// lot and serial in scope to find the few sampling ones. Partial: no other event writes an entry.
export const samplingEvents = `
CREATE INDEX events_sampling ON events(id) WHERE biz_step = 'sampling';
`;
