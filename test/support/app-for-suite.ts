import { AppOptions, AppProcess } from './app-process';
import { DeliveryReceivers } from './delivery-receivers';
import type { Api } from './flow';

/** The app a suite talks to, with the SMS and SMTP receivers its codes go to. Set once `beforeAll` ran. */
export interface SuiteApp {
  readonly receivers: DeliveryReceivers;
  readonly app: AppProcess;
  readonly api: Api;
}

type SuiteAppOptions = Omit<AppOptions, 'smsWebhookUrl' | 'smtpUrl' | 'smtpFrom'>;

/**
 * Registers the `beforeAll` that starts real delivery receivers and the built app wired to them
 * (plus `options`, or what `options()` returns once earlier hooks ran), and the `afterAll` that stops
 * both. Call it inside a `describe`; read the fields in tests and in later hooks.
 */
export function startAppForSuite(options: SuiteAppOptions | (() => SuiteAppOptions) = {}): SuiteApp {
  const suite = {} as { receivers: DeliveryReceivers; app: AppProcess; api: Api };
  beforeAll(async () => {
    suite.receivers = await DeliveryReceivers.start();
    suite.app = await AppProcess.start({ ...suite.receivers.appOptions, ...(typeof options === 'function' ? options() : options) });
    suite.api = { graphqlUrl: suite.app.graphqlUrl };
  });
  afterAll(async () => {
    await suite.app?.dispose();
    await suite.receivers?.close();
  });
  return suite;
}
