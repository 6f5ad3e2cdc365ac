import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RenderRequest, RenderResponse } from './worker.ts';

type Rendered = { svg: string; diagramType: string } | { error: string };

/**
 * One Mermaid worker for the build, started by the first diagram (a site without diagrams never
 * loads Mermaid) and unreferenced, so it never keeps the build's process alive. Requests are
 * answered in order: Mermaid renders one diagram at a time anyway.
 */
class MermaidRenderer {
  #worker: Worker | undefined;
  #seq = 0;
  #pending = new Map<number, (response: RenderResponse) => void>();

  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  render(id: string, source: string): Promise<Rendered> {
    const worker = this.#start();
    const seq = ++this.#seq;
    return new Promise((resolve) => {
      this.#pending.set(seq, resolve);
      worker.ref();
      worker.postMessage({ seq, id, source } satisfies RenderRequest);
    });
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(join(this.#root, 'src/integrations/mermaid/worker.ts'));
    worker.on('message', (response: RenderResponse) => {
      const resolve = this.#pending.get(response.seq);
      this.#pending.delete(response.seq);
      if (this.#pending.size === 0) worker.unref();
      resolve?.(response);
    });
    const fail = (error: unknown) => {
      this.#worker = undefined;
      for (const [seq, resolve] of this.#pending)
        resolve({ seq, error: `the Mermaid worker stopped: ${String(error)}` });
      this.#pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => code !== 0 && fail(`exit code ${code}`));
    worker.unref();
    this.#worker = worker;
    return worker;
  }
}

const renderers = new Map<string, MermaidRenderer>();
/** The build's renderer for the project at `root`. */
export const mermaidRenderer = (root: string) =>
  renderers.get(root) ?? renderers.set(root, new MermaidRenderer(root)).get(root)!;
