/**
 * CPU profiles of the server under load (`npm run bench -- --profile`): the server runs with --cpu-prof, and
 * the profile is boiled down to where the time went, by function and by package, in bench/profile.md.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './lib/paths.js';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export class Profile {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }
  /**
   * One directory per server: node writes a profile per thread (tsx's module hooks run on a thread of their
   * own), so a fixed file name would let the hooks thread overwrite the main thread's profile.
   */
  nodeArgs(name: string): string[] {
    const dir = join(this.dir, name);
    mkdirSync(dir, { recursive: true });
    return ['--cpu-prof', '--cpu-prof-dir', dir];
  }
  /** Per server, the profile of the thread that did the most work: the main thread, where requests run. */
  files(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => {
        const dir = join(this.dir, d.name);
        const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f));
        return files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
      })
      .filter((f): f is string => !!f);
  }
}

/** Which package or part of our code a frame belongs to. */
function owner(url: string): string {
  if (!url) return '(native / idle / gc)';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (path.startsWith('node:')) return 'node internals';
  const rel = relative(ROOT, path);
  if (!rel.startsWith('..')) return rel.split('/').slice(0, 2).join('/');
  return 'other';
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  byOwner: { owner: string; ms: number; share: number }[];
  byFunction: { fn: string; where: string; ms: number; share: number }[];
}

export function summarizeProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** Native frames (no url: a better-sqlite3 call, a hash, a socket write) count for the code that called them. */
  const callerOwner = (id: number): string => {
    for (let p = parent.get(id); p !== undefined; p = parent.get(p)) {
      const url = byId.get(p)!.callFrame.url;
      if (url) return `${owner(url)} (native calls)`;
    }
    return '(native, no JS caller)';
  };
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  let total = 0;
  const owners = new Map<string, number>();
  const fns = new Map<string, { fn: string; where: string; us: number }>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const name = node.callFrame.functionName || '(anonymous)';
    if (name === '(idle)') continue;
    total += us;
    const o =
      name === '(garbage collector)' ? '(gc)' : name === '(program)' ? '(program)' : node.callFrame.url ? owner(node.callFrame.url) : callerOwner(id);
    owners.set(o, (owners.get(o) ?? 0) + us);
    const where = node.callFrame.url ? `${owner(node.callFrame.url)}:${node.callFrame.lineNumber + 1}` : o;
    const key = `${name}@${where}`;
    const entry = fns.get(key) ?? { fn: name, where, us: 0 };
    entry.us += us;
    fns.set(key, entry);
  }
  return {
    file: relative(ROOT, file),
    totalMs: total / 1000,
    byOwner: [...owners].sort((a, b) => b[1] - a[1]).map(([o, us]) => ({ owner: o, ms: us / 1000, share: us / total })),
    byFunction: [...fns.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ fn: f.fn, where: f.where, ms: f.us / 1000, share: f.us / total })),
  };
}
