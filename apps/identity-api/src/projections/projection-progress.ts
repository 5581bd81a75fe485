import { comparePositions, Position } from '@identity/event-store';
import { ProjectionRunner } from './projection-runner';

/**
 * Read-your-writes: a mutation that appended at `position` waits here until the read model it answers
 * from has applied that position. Returns false on timeout (the caller then reads what is there).
 */
export function waitForProjection(runner: ProjectionRunner, position: Position, timeoutMs = 5000): Promise<boolean> {
  const reached = (p: Position | undefined) => p !== undefined && comparePositions(p, position) >= 0;
  if (reached(runner.checkpoint())) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      unsubscribe();
      resolve(reached(runner.checkpoint()));
    }, timeoutMs);
    const unsubscribe = runner.onProgress((applied) => {
      if (comparePositions(applied, position) >= 0) {
        clearTimeout(timer);
        unsubscribe();
        resolve(true);
      }
    });
  });
}
