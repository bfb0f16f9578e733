import * as fs from 'fs';
import { fromBinary } from '@bufbuild/protobuf';
import { DataLossError } from '../framework/errors';
import { Event, EventSchema } from '../proto/tensorflow/core/util/event_pb';
import { parseRecords } from '../io/tf_record_format';
import { pyfunc } from '../framework/python_args';

/**
 * tf.train.summary_iterator(path): the Events of an events file, in order. A truncated last
 * record (a writer still appending, or killed mid-write) ends the file quietly, as TF's reader
 * does; a CRC mismatch or an undecodable Event is a DataLossError naming the file.
 */
export const summary_iterator = pyfunc('summary_iterator', ['path'], 1, function* summary_iterator(path: string): Generator<Event> {
  const bytes = new Uint8Array(fs.readFileSync(path));
  for (const record of parseRecords(bytes, path, true)) {
    let event: Event;
    try { event = fromBinary(EventSchema, record); } catch (e) {
      throw new DataLossError(`${path}: a record is not a tensorflow.Event (${(e as Error).message})`);
    }
    yield event;
  }
});
