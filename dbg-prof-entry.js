const inspector = require('node:inspector'); const fs = require('node:fs');
const session = new inspector.Session(); session.connect();
session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 200 }, () => {
  require('./dist/apps/identity-api/src/main.js');
  const poll = setInterval(() => {
    if (fs.existsSync('/tmp/abuse-prof/start') && !global.__started) { global.__started = true; session.post('Profiler.start'); }
    if (!fs.existsSync('/tmp/abuse-prof/stop')) return;
    clearInterval(poll);
    session.post('Profiler.stop', (err, r) => fs.writeFileSync('/tmp/abuse-prof/app.cpuprofile', JSON.stringify(r.profile)));
  }, 100); poll.unref();
}));
