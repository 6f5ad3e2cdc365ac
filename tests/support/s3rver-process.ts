/**
 * A real S3-compatible server (npm `s3rver`) on 127.0.0.1 in a child process. The child runs with
 * `--openssl-legacy-provider`, which s3rver's continuation tokens (ListObjectsV2 pagination) need;
 * the flag stays out of the test process itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const s3rverMain = require.resolve('s3rver');

export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface S3rverProcess {
  endpoint: string;
  child: ChildProcess;
  /** Stops the server at once (SIGKILL); to simulate a lost network mid-deploy, see cuttable-link.ts. */
  kill(): Promise<void>;
}

export async function startS3rver(options: { directory: string; bucket: string }): Promise<S3rverProcess> {
  const script = `
    const S3rver = require(${JSON.stringify(s3rverMain)});
    const server = new S3rver({
      address: '127.0.0.1', port: 0, silent: true, directory: ${JSON.stringify(options.directory)},
      configureBuckets: [{ name: ${JSON.stringify(options.bucket)}, configs: [] }],
    });
    server.run().then((address) => process.stdout.write('LISTENING ' + address.port + '\\n'));
  `;
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Never outlive the test process, even if it dies before afterAll.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`s3rver did not start in 15 s: ${stderr}`)), 15_000);
    let stdout = '';
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /LISTENING (\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`s3rver exited (${code}) before listening: ${stderr}`));
    });
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    child,
    kill: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
