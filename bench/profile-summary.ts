/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time per function and per source file,
 * and total (inclusive) time per function. Usage: tsx bench/profile-summary.ts FILE.cpuprofile [--top=N] [--match=TEXT]
 * (--match keeps functions whose name or file contains TEXT). Profiles stay out of git (*.cpuprofile).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) throw new Error('usage: tsx bench/profile-summary.ts FILE.cpuprofile [--top=N] [--match=TEXT]');
const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 40);
const match = args.find((a) => a.startsWith('--match='))?.slice(8);

const prof = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const selfUs = new Map<number, number>();
for (let i = 0; i < prof.samples.length; i++) selfUs.set(prof.samples[i]!, (selfUs.get(prof.samples[i]!) ?? 0) + (prof.timeDeltas[i] ?? 0));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const short = (url: string) => url.replace(/^file:\/\//, '').replace(/^.*\/(src|dist|node_modules)\//, '$1/');
const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const selfByFn = new Map<string, number>();
const selfByFile = new Map<string, number>();
const totalByFn = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  selfByFn.set(key(n), (selfByFn.get(key(n)) ?? 0) + us);
  const f = short(n.callFrame.url) || `(${n.callFrame.functionName})`;
  selfByFile.set(f, (selfByFile.get(f) ?? 0) + us);
  // Inclusive: charge every distinct function on the stack once.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = key(byId.get(cur)!);
    if (seen.has(k)) continue;
    seen.add(k);
    totalByFn.set(k, (totalByFn.get(k) ?? 0) + us);
  }
}

const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  [...m].filter(([k]) => !match || k.includes(match)).sort((a, b) => b[1] - a[1]).slice(0, top)
    .forEach(([k, us]) => console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`));
};
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
show('self time by file', selfByFile);
show('self time by function', selfByFn);
show('total time by function', totalByFn);
