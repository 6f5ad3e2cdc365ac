/**
 * Interruptions for deploy tests: an S3 client and a KeyValueStore that share one counter of
 * changing requests (PutObject, CopyObject, DeleteObjects, the store's put and swap) and fail the n-th one
 * and every one after it, as a lost connection would. The order of the changes is recorded.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { LiveStore } from '../../deploy/live-store.ts';

const CHANGING = new Set(['PutObjectCommand', 'CopyObjectCommand', 'DeleteObjectsCommand']);

export interface Interrupter {
  /** The changes that went through, as `Put key`, `Copy key`, `Delete n`, `Switch value`. */
  done: string[];
  /** Fail from this change on (0-based); Infinity never fails. */
  failFrom: number;
  wrapStore(store: LiveStore): LiveStore;
}

export function interrupter(s3: S3Client, failFrom = Infinity): Interrupter {
  const state: Interrupter = {
    done: [],
    failFrom,
    wrapStore: (store) => ({
      name: store.name,
      get: (key) => store.get(key),
      async put(key, value) {
        if (state.done.length >= state.failFrom) throw new Error('connection lost (test)');
        await store.put(key, value);
        state.done.push(`Switch ${key}=${value}`);
      },
      async swap(key, expected, value) {
        if (state.done.length >= state.failFrom) throw new Error('connection lost (test)');
        const swapped = await store.swap(key, expected, value);
        if (swapped) state.done.push(`Switch ${key}=${value}`);
        return swapped;
      },
    }),
  };
  s3.middlewareStack.add(
    (next, context) => async (args) => {
      if (!CHANGING.has(context.commandName ?? '')) return next(args);
      if (state.done.length >= state.failFrom) throw new Error('connection lost (test)');
      const result = await next(args);
      const input = args.input as { Key?: string; Delete?: { Objects?: unknown[] } };
      state.done.push(
        context.commandName === 'DeleteObjectsCommand'
          ? `Delete ${input.Delete?.Objects?.length}`
          : `${context.commandName!.replace('ObjectCommand', '')} ${input.Key}`,
      );
      return result;
    },
    { step: 'initialize', name: 'testInterrupter' },
  );
  return state;
}

export interface Pause {
  /** Resolves when the deploy has reached the pause (its switch) and waits there. */
  reached: Promise<void>;
  /** Lets it go on. */
  resume(): void;
  store: LiveStore;
}

/**
 * A KeyValueStore whose first release switch waits until `resume()`: a deploy paused with its
 * release and manifest uploaded, holding the deploy lock, right before it would go live.
 */
export function pauseAtSwitch(store: LiveStore): Pause {
  let reached!: () => void;
  let resume!: () => void;
  const gate = new Promise<void>((resolve) => (resume = resolve));
  const pause: Pause = {
    reached: new Promise<void>((resolve) => (reached = resolve)),
    resume: () => resume(),
    store: {
      name: store.name,
      get: (key) => store.get(key),
      put: (key, value) => store.put(key, value),
      async swap(key, expected, value) {
        reached();
        await gate;
        return store.swap(key, expected, value);
      },
    },
  };
  return pause;
}
