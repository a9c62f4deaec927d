// Preloaded into each node process of a profiled run (NODE_OPTIONS=--require): appends its CPU time
// (user + system, ms) and peak RSS (MB) to PROFILE_USAGE_FILE. CPU time moves far less than wall time
// when other work shares the machine, so an A/B of a change reads it first.
const { appendFileSync } = require('node:fs');
process.on('exit', () => {
  const { userCPUTime, systemCPUTime, maxRSS } = process.resourceUsage();
  if (process.env.PROFILE_USAGE_FILE) appendFileSync(process.env.PROFILE_USAGE_FILE, `${((userCPUTime + systemCPUTime) / 1000).toFixed(1)} ${(maxRSS / 1024).toFixed(1)}\n`);
});
