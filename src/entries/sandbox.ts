import { runSandbox } from '../index.js'

process.exitCode = await runSandbox(process.argv[2])
