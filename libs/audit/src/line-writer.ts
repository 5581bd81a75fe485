import { once } from 'node:events';
import { Writable } from 'node:stream';

/** Writes lines to a stream, waiting for 'drain' whenever its buffer is full (backpressure). */
export function lineWriter(stream: Writable): (line: string) => Promise<void> {
  return async (line) => {
    if (!stream.write(`${line}\n`)) await once(stream, 'drain');
  };
}
