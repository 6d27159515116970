// Entry point of the built `lotline` command (out/main/cli.js).
import { workerScript } from '../api/threaded';
import { askHidden } from './password-prompt';
import { runCli } from './run';

const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  apiWorker: workerScript(import.meta.url),
  password: askHidden,
  serving: (_url, stop) => {
    const shutdown = () => {
      void stop().then(() => process.exit(0));
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  },
});
process.exitCode = code;
