import type { AppProcess } from './app-process';
import { createApiKey } from './graphql-ws-subscriber';

const adminKeys = new WeakMap<AppProcess, Promise<string>>();

/** One admin API key per app, made by the CLI on first use (the app caches a key once it has seen it). */
export function adminKeyOf(app: AppProcess): Promise<string> {
  let key = adminKeys.get(app);
  if (!key) {
    key = createApiKey(app.env, 'admin', 'health e2e');
    adminKeys.set(app, key);
  }
  return key;
}

/** `GET /health` with an admin key: the detailed answer (dependencies, projections) that anonymous callers do not get. */
export async function detailedHealth<T>(app: AppProcess, timeoutMs = 10_000): Promise<{ status: number; body: T }> {
  const response = await fetch(`${app.baseUrl}/health`, {
    headers: { 'x-api-key': await adminKeyOf(app) },
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, body: (await response.json()) as T };
}
