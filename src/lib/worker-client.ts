import { Worker } from "node:worker_threads";

/**
 * Request/response over one worker thread, started on first use: every request carries an id, the
 * worker answers with the same id. A worker that dies rejects what was pending and is started again on
 * the next request. The worker does not keep the process alive.
 */
export class WorkerClient<Req extends object, Res extends { id: number }> {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Res) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly file: string,
    private readonly name: string,
  ) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.file);
    worker.unref();
    worker.on("message", (r: Res) => {
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      p.resolve(r);
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the ${this.name} worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  /** Sends a request (its `transfer` buffers move to the worker) and waits for the answer with its id. */
  request(body: Req, transfer: ArrayBuffer[] = []): Promise<Res> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...body, id }, transfer);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
