// node bench/wake-cost.js [round trips]: what this machine charges for one message between two
// processes on loopback, the unit every request pays several times (client -> server, server ->
// PostgreSQL and back, server -> client). It times socket.write() of 200 bytes to a peer process
// that is asleep waiting for it (on loopback the write runs the peer's TCP receive path and wakes
// it), alone and while two nice-19 threads hash with bcrypt as a login storm does, and prints the
// median, p90 and mean of each. On a virtual machine waking a peer can cost far more than on bare
// metal; no server design removes it, only fewer messages per request do.
const { fork } = require('node:child_process');
const net = require('node:net');
const { Worker } = require('node:worker_threads');
const { quantile } = require('./lib/stats');

if (process.argv[2] === 'peer') {
  net
    .createServer((socket) => socket.on('data', (data) => socket.write(data)))
    .listen(0, '127.0.0.1', function () {
      process.send(this.address().port);
    });
  return;
}

const ROUND_TRIPS = Number(process.argv[2] ?? 200);
const PAUSE_MS = 20; // long enough for the peer to go back to sleep

const HASHING = `
const { workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcrypt);
try { require('node:os').setPriority(19); } catch {}
const hash = bcrypt.hashSync('bench', 10);
while (Date.now() < workerData.until) bcrypt.compareSync('bench', hash);`;

function hashFor(ms) {
  const workerData = { bcrypt: require.resolve('bcrypt'), until: Date.now() + ms };
  return Promise.all([0, 1].map(() => new Promise((resolve) => new Worker(HASHING, { eval: true, workerData }).on('exit', resolve))));
}

async function writeTimes(socket) {
  const micros = [];
  for (let i = 0; i < ROUND_TRIPS; i++) {
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    const echoed = new Promise((resolve) => socket.once('data', resolve));
    const started = process.hrtime.bigint();
    socket.write('x'.repeat(200));
    micros.push(Number(process.hrtime.bigint() - started) / 1000);
    await echoed;
  }
  micros.sort((a, b) => a - b);
  const mean = micros.reduce((sum, value) => sum + value, 0) / micros.length;
  return `median ${quantile(micros, 0.5).toFixed(0)} µs, p90 ${quantile(micros, 0.9).toFixed(0)} µs, mean ${mean.toFixed(0)} µs`;
}

async function main() {
  const peer = fork(__filename, ['peer']);
  const port = await new Promise((resolve) => peer.once('message', resolve));
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.setNoDelay(true);
  try {
    console.log(`write() of 200 bytes to a sleeping peer on loopback, ${ROUND_TRIPS} round trips each:`);
    console.log(`  alone:                         ${await writeTimes(socket)}`);
    const hashing = hashFor(ROUND_TRIPS * (PAUSE_MS + 5) + 2000);
    console.log(`  while 2 nice-19 threads hash:  ${await writeTimes(socket)}`);
    await hashing;
  } finally {
    socket.destroy();
    peer.kill();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
