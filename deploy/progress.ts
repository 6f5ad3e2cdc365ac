/**
 * Progress for the long steps: a bar with files and bytes on a terminal (cli-progress), plain
 * lines when the output is a log (CI): one per tenth of the files, so a log stays short.
 */
import cliProgress from 'cli-progress';
import type { ProgressEvent } from './publish.ts';
import { formatBytes } from './release.ts';

export function progressPrinter(stream: NodeJS.WriteStream): (event: ProgressEvent) => void {
  let bar: cliProgress.SingleBar | undefined;
  let total = { files: 0, bytes: 0 };
  let lastTenth = -1;
  return (event) => {
    if (event.type === 'step') {
      stream.write(`${event.text}\n`);
    } else if (event.type === 'transfer-start') {
      total = { files: event.files, bytes: event.bytes };
      lastTenth = -1;
      stream.write(`Publishing ${event.title}: ${event.files} file(s), ${formatBytes(event.bytes)} to upload\n`);
      if (stream.isTTY && event.files > 0) {
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: '  {bar} {value}/{total} files | {sent}/{bytes} uploaded | {key}',
            hideCursor: true,
            clearOnComplete: false,
            barsize: 24,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(event.files, 0, { sent: formatBytes(0), bytes: formatBytes(event.bytes), key: '' });
      }
    } else if (event.type === 'transfer') {
      if (bar) {
        bar.update(event.done, { sent: formatBytes(event.doneBytes), key: event.key.slice(-40) });
        return;
      }
      const tenth = Math.floor((event.done / total.files) * 10);
      if (tenth !== lastTenth || event.done === total.files) {
        stream.write(
          `  ${event.done}/${total.files} files, ${formatBytes(event.doneBytes)}/${formatBytes(total.bytes)} uploaded\n`,
        );
      }
      lastTenth = tenth;
    } else if (event.type === 'transfer-end') {
      bar?.stop();
      bar = undefined;
    }
  };
}
