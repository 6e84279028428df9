// CPU time of processes, read from /proc (Linux): what a request costs the server and PostgreSQL,
// measured around a run rather than guessed from its throughput.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * [parent pid, user CPU seconds, system CPU seconds] of a process (or, with `thread`, of that
 * thread of it: the main thread's id is the process id), or undefined once it is gone or off Linux.
 */
function times(pid, thread) {
  try {
    const text = fs.readFileSync(thread ? `/proc/${pid}/task/${thread}/stat` : `/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state, ppid, ... utime (14th), stime (15th).
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return [Number(fields[1]), Number(fields[11]) / TICKS_PER_SECOND, Number(fields[12]) / TICKS_PER_SECOND];
  } catch {
    return undefined;
  }
}

/** [parent pid, user + system CPU seconds] of a process, or undefined once it is gone. */
function stat(pid) {
  const found = times(pid);
  return found && [found[0], found[1] + found[2]];
}

/** [user, system] CPU seconds of each process of the tree under `root` (it included), by pid. */
function treeTimes(root) {
  const parents = new Map();
  const cpu = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const found = times(Number(entry));
    if (!found) continue;
    parents.set(Number(entry), found[0]);
    cpu.set(Number(entry), [found[1], found[2]]);
  }
  const inTree = (pid) => {
    for (let at = pid; at > 1; at = parents.get(at) ?? 0) if (at === root) return true;
    return false;
  };
  return new Map([...cpu].filter(([pid]) => inTree(pid)));
}

/** CPU seconds (user + system) of each process of the tree under `root` (it included), by pid. */
function treeCpu(root) {
  return new Map([...treeTimes(root)].map(([pid, [user, system]]) => [pid, user + system]));
}

/** CPU seconds of the given pids, by pid (those gone are left out). */
function pidsCpu(pids) {
  return new Map(pids.map((pid) => [pid, stat(pid)?.[1]]).filter(([, seconds]) => seconds !== undefined));
}

/** CPU seconds spent between two readings by the processes present in both. */
function spent(before, after) {
  let total = 0;
  for (const [pid, seconds] of after) if (before.has(pid)) total += seconds - before.get(pid);
  return total;
}

/** User and system CPU seconds spent between two readings of treeTimes by the processes present in both. */
function spentTimes(before, after) {
  const total = { user: 0, system: 0 };
  for (const [pid, [user, system]] of after) {
    if (!before.has(pid)) continue;
    total.user += user - before.get(pid)[0];
    total.system += system - before.get(pid)[1];
  }
  return total;
}

/**
 * Resolves once process `pid` and its children (the platform's hashing process) have used under
 * `share` of a core over a 200 ms window, or after `timeoutMs` (saying so on stderr): work a load
 * left queued (logins waiting for a hash) is done before the next measurement starts.
 */
async function untilIdle(pid, { share = 0.1, timeoutMs = 10_000 } = {}) {
  const windowMs = 200;
  const deadline = Date.now() + timeoutMs;
  let before = treeCpu(pid);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const after = treeCpu(pid);
    if (spent(before, after) < (share * windowMs) / 1000) return;
    before = after;
  }
  process.stderr.write(`process ${pid} still busy after ${timeoutMs / 1000} s; measuring anyway\n`);
}

module.exports = { times, treeCpu, treeTimes, pidsCpu, spent, spentTimes, untilIdle };
