import { readdir, readFile } from 'node:fs/promises';

/** Parent pid of every process, read from /proc (Linux only). */
async function parentPids(): Promise<Map<number, number[]>> {
  const children = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // The command name may contain spaces and parentheses: the fields after the last ')' are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // The process ended while we were looking.
    }
  }
  return children;
}

/** Proportional set size in kB (shared pages split between sharers), else resident size. */
async function processKb(pid: number): Promise<number> {
  try {
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
    const pss = /^Pss:\s+(\d+) kB/m.exec(rollup);
    if (pss) return Number(pss[1]);
  } catch {
    // smaps_rollup needs a newer kernel or more rights; fall back to RSS.
  }
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return rss ? Number(rss[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Memory of a process and all its descendants in bytes: Chromium spreads a browser over a browser process,
 * a GPU/utility process and one renderer per site, so the tree is what grows. 0 where /proc is missing.
 */
export async function processTreeBytes(rootPid: number): Promise<number> {
  let children: Map<number, number[]>;
  try {
    children = await parentPids();
  } catch {
    return 0;
  }
  const pids: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    pids.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  const kbs = await Promise.all(pids.map(processKb));
  return kbs.reduce((a, b) => a + b, 0) * 1024;
}
