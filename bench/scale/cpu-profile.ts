import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@jansetu/testing';

// Preloaded with NODE_OPTIONS=--require (Node refuses --cpu-prof there): profiles the whole process with the
// inspector and writes bench/results/<app>-<pid>.cpuprofile when it exits (the apps exit on SIGTERM). The in-process
// inspector answers synchronously, so the profile is written before the process ends.
const PRELOAD = `
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 1000 });
session.post('Profiler.start');
process.on('exit', () => {
  session.post('Profiler.stop', (error, result) => {
    if (error) return;
    const app = (process.argv[1] || 'node').split('/').slice(-3, -2)[0] || 'node';
    writeFileSync(RESULTS + '/' + app + '-' + process.pid + '.cpuprofile', JSON.stringify(result.profile));
  });
});
`;

/** NODE_OPTIONS that make a child process write its CPU profile into bench/results/ when it exits. */
export function cpuProfileOptions(): { NODE_OPTIONS: string } {
  const file = join(tmpdir(), `jansetu-bench-cpu-profile-${process.pid}.cjs`);
  writeFileSync(file, `const RESULTS = ${JSON.stringify(join(REPO_ROOT, 'bench/results'))};\n${PRELOAD}`);
  return { NODE_OPTIONS: `--require ${file}` };
}
