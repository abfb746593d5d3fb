import { runSandbox } from './bundle/index.js';
process.exitCode = await runSandbox(process.argv[2]);
