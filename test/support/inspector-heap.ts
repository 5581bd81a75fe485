import WebSocket from 'ws';
import { findFreePort } from './app-process';

interface EvaluateResult {
  result?: { value?: unknown };
  exceptionDetails?: { text?: string };
}

/**
 * The live heap of an app process, read through its V8 inspector: a full collection first, then the
 * heap in use. RSS alone cannot tell a leak from V8 growing its heap lazily (it collects late while
 * memory is plentiful); what survives a full collection is what the process really keeps.
 * Start the app with `InspectorHeap.nodeArgs(port)`.
 */
export class InspectorHeap {
  private nextId = 0;

  private constructor(private readonly socket: WebSocket) {}

  /** A free port for the inspector (on 127.0.0.1 only). */
  static freePort(): Promise<number> {
    return findFreePort();
  }

  /** The node options that open the inspector on `port` and let it ask for a full collection. */
  static nodeArgs(port: number): string[] {
    return ['--expose-gc', `--inspect=127.0.0.1:${port}`];
  }

  static async connect(port: number): Promise<InspectorHeap> {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl?: string }[];
    const address = targets[0]?.webSocketDebuggerUrl;
    if (!address) throw new Error(`no inspector target on port ${port}`);
    const socket = new WebSocket(address);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new InspectorHeap(socket);
  }

  /** MiB of heap in use right after a full collection. */
  async liveHeapMiB(): Promise<number> {
    const answer = await this.evaluate('gc(), process.memoryUsage().heapUsed');
    return Number(answer) / 1024 / 1024;
  }

  close(): void {
    this.socket.close();
  }

  private evaluate(expression: string): Promise<unknown> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const onMessage = (raw: WebSocket.RawData) => {
        const message = JSON.parse(raw.toString()) as { id?: number; result?: EvaluateResult; error?: { message: string } };
        if (message.id !== id) return;
        this.socket.off('message', onMessage);
        const failure = message.error?.message ?? message.result?.exceptionDetails?.text;
        if (failure) reject(new Error(`inspector: ${failure}`));
        else resolve(message.result?.result?.value);
      };
      this.socket.on('message', onMessage);
      this.socket.send(JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }));
    });
  }
}
