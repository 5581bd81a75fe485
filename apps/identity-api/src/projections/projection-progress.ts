import { comparePositions, Position } from '@identity/event-store';
import { ProjectionRunner } from '@identity/read-models';

/**
 * Read-your-writes (read-your-writes.ts): a person's query waits here until a read model has applied
 * `position`. Returns false on timeout (the caller then reads what is there).
 */
export function waitForProjection(runner: ProjectionRunner, position: Position, timeoutMs = 5000): Promise<boolean> {
  const reached = (p: Position | undefined) => p !== undefined && comparePositions(p, position) >= 0;
  const stored = () => runner.checkpoint().then(reached, () => false);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    };
    // Listening first, then reading the checkpoint: progress between the two is not missed.
    const unsubscribe = runner.onProgress((applied) => {
      if (comparePositions(applied, position) >= 0) finish(true);
    });
    const timer = setTimeout(() => void stored().then(finish), timeoutMs);
    void stored().then((done) => {
      if (done) finish(true);
    });
  });
}
