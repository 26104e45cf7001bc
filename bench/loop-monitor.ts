// Preloaded into the Exitdesk process by bench/mixed.ts (`node --import`): measures the event-loop
// delay and writes the largest one, and the process's peak memory, to BENCH_LOOP_FILE every second.
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.BENCH_LOOP_FILE;
if (file) {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
  let loadingPeakRssBytes = 0;
  setInterval(() => {
    fs.writeFileSync(file, JSON.stringify({ maxDelayMs: h.max / 1e6, p99DelayMs: h.percentile(99) / 1e6, peakRssBytes: peakRss(), loadingPeakRssBytes }));
  }, 1000).unref();
  // Reset once the benchmark says the measured phase begins: startup and data loading (sealing the
  // generator's audit backlog) are reported apart. Writing 5 to clear_refs resets the kernel's peak RSS.
  process.on('SIGUSR2', () => {
    h.reset();
    loadingPeakRssBytes = peakRss();
    fs.writeFileSync('/proc/self/clear_refs', '5');
  });
}
