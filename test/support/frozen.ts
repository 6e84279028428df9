import { readdirSync, readFileSync } from 'node:fs';

/** The pids whose parent is `pid`, read from /proc. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

/**
 * Freezes a server (SIGSTOP to it and every process it forked, as PostgreSQL's backends): its
 * sockets stay open and the kernel still accepts connections, but nothing answers. Returns the
 * way to thaw it.
 */
export function freeze(pid: number): () => void {
  process.kill(pid, 'SIGSTOP'); // first, so it forks no new backend meanwhile
  const children = childrenOf(pid);
  for (const child of children) process.kill(child, 'SIGSTOP');
  return () => {
    for (const child of children) process.kill(child, 'SIGCONT');
    process.kill(pid, 'SIGCONT');
  };
}
