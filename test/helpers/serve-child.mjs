// A child process for the server tests: serves the folder argv[2] with `parley view --serve`'s
// server on a free port, prints its address, and runs until it is sent SIGTERM. The tests start
// it as an unprivileged user when they run as root, so an unreadable file is unreadable to it.
import { register } from 'tsx/esm/api';

register();
const { serveFolder } = await import('../../src/cli/serve-folder.ts');
const served = await serveFolder(process.argv[2], 0);
process.stdout.write(`${served.url}\n`);
process.on('SIGTERM', () => served.close().then(() => process.exit(0)));
