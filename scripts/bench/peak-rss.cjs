// Preloaded into measured node processes (NODE_OPTIONS=--require): appends `pid peakRssMB cpuMs` to
// BENCH_RSS_FILE at exit. CPU time (user + system) moves far less than wall time when other work shares
// the machine, so an A/B of a change (scripts/bench/profile-suite.ts) reads it beside the wall time.
const { appendFileSync } = require('node:fs');
process.on('exit', () => {
  const { userCPUTime, systemCPUTime, maxRSS } = process.resourceUsage();
  if (process.env.BENCH_RSS_FILE) appendFileSync(process.env.BENCH_RSS_FILE, `${process.pid} ${(maxRSS / 1024).toFixed(1)} ${((userCPUTime + systemCPUTime) / 1000).toFixed(1)}\n`);
});
