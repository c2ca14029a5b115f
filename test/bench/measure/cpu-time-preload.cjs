// Preloaded (`node --require`) into a spawned CLI or tsc: on exit, writes the process's CPU time
// (user + system, ms) to the file named by EVENTLOOM_BENCH_CPU_FILE. Wall time on a shared machine
// depends on the load; CPU time much less.
const { writeFileSync } = require('node:fs');
const file = process.env.EVENTLOOM_BENCH_CPU_FILE;
if (file) {
    process.on('exit', () => {
        const usage = process.cpuUsage();
        writeFileSync(file, String((usage.user + usage.system) / 1000));
    });
}
