// Types of epcis-validators.generated.js (written by scripts/generate-epcis-validators.ts).
import type { ValidateFunction } from 'ajv';

/** The whole EPCIS 2.0 document (EPCISDocument). */
export declare const document: ValidateFunction;
/** One event of an eventList (EPCIS-Document-Event). */
export declare const event: ValidateFunction;
