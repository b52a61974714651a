import { z } from 'zod';
import { isCloudTrailRecord, mapCloudTrailRecord } from './cloudtrail-record.js';
import { fromFlatWindowsEvent, isFlatWindowsEvent } from './flat-windows-event.js';
import { malformed, type MapContext, type MapOutcome } from './map-outcome.js';
import { isSigmaRegressionEvent, mapSigmaRegressionRecord } from './sigma-regression.js';
import { mapWindowsRecord } from './windows-channel.js';

const JsonObjectSchema = z.record(z.string(), z.unknown());
const RecordsEnvelopeSchema = z.object({ Records: z.array(z.unknown()) });

/**
 * The records inside one JSON value: the elements of an array, the `Records` of a CloudTrail log file
 * (`{"Records": [...]}`, as CloudTrail delivers to S3), or else the value itself.
 */
export function expandJsonRecords(value: unknown): { records: unknown[]; several: boolean } {
  if (Array.isArray(value)) return { records: value, several: true };
  const envelope = RecordsEnvelopeSchema.safeParse(value);
  if (envelope.success) return { records: envelope.data.Records, several: true };
  return { records: [value], several: false };
}

/**
 * Maps one JSON record after recognising it by its shape, so a folder can mix sources and file names need not
 * follow any convention: `Event.System` records (EVTX conversions), CloudTrail records, flat Windows events.
 */
export function mapJsonRecord(value: unknown, context: MapContext): MapOutcome {
  const object = JsonObjectSchema.safeParse(value);
  if (!object.success) return malformed(`not a JSON object but ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  if (isSigmaRegressionEvent(object.data)) return mapSigmaRegressionRecord(object.data, context);
  if (isCloudTrailRecord(object.data)) return mapCloudTrailRecord(object.data, context);
  if (isFlatWindowsEvent(object.data)) {
    const record = fromFlatWindowsEvent(object.data);
    return 'error' in record ? malformed(record.error) : mapWindowsRecord(record, context);
  }
  return malformed('unknown record: not a CloudTrail record, a flat Windows event (Channel, EventID) nor an Event.System record');
}
