const { startBenchApp } = require('./dist/test/bench/harness/bench-app');
const { seedHeavyRequest } = require('./dist/test/bench/latency-under-heavy-request');
(async () => {
  const app = new (require('./dist/test/bench/harness/bench-app').BenchApp)(await require('./dist/test/support/app-process').AppProcess.start({ entry: require('path').resolve('dbg-prof-entry.js'), env: { RATE_LIMIT_LOGON_PER_ADDRESS: '1000000/60', RATE_LIMIT_ATTEMPTS_PER_ACCOUNT: '1000000/60' } }));
  try {
    const heavy = await seedHeavyRequest(app, 120);
    require('fs').writeFileSync('/tmp/abuse-prof/start', ''); const times = [];
    const until = Date.now() + 6000;
    while (Date.now() < until) {
      const s = performance.now();
      await (await fetch(app.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...heavy.headers }, body: JSON.stringify({ query: heavy.query }) })).text();
      times.push(performance.now() - s);
    }
    require('fs').writeFileSync('/tmp/abuse-prof/stop', ''); await new Promise((r) => setTimeout(r, 1500)); times.sort((a, b) => a - b);
    console.log('heavy runs', times.length, 'median', times[times.length >> 1].toFixed(1));
  } finally { await app.dispose(); }
})();
