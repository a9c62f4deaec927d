// Preloaded into measured node processes (NODE_OPTIONS=--require): appends the peak RSS in MB to BENCH_RSS_FILE.
const { appendFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) appendFileSync(process.env.BENCH_RSS_FILE, `${process.pid} ${(process.resourceUsage().maxRSS / 1024).toFixed(1)}\n`);
});
