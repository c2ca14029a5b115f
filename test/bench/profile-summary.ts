/**
 * Summarises a V8 `.cpuprofile` (from `npm run bench -- --cpu-prof`): the functions with the most
 * self time and the most total (inclusive) time, with their source location.
 *
 *   node --import tsx test/bench/profile-summary.ts .bench/profiles/<file>.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
}

interface Profile {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
}

export function summarise(profile: Profile, top = 25): string {
    const byId = new Map(profile.nodes.map(node => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
    const key = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber + 1}`;
    const selfByKey = new Map<string, number>();
    const totalByKey = new Map<string, number>();
    for (const [id, ms] of self) {
        const node = byId.get(id)!;
        selfByKey.set(key(node), (selfByKey.get(key(node)) ?? 0) + ms);
        // Inclusive time: count each function once per sample, however deep the recursion.
        const seen = new Set<string>();
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
            const k = key(byId.get(at)!);
            if (seen.has(k)) continue;
            seen.add(k);
            totalByKey.set(k, (totalByKey.get(k) ?? 0) + ms);
        }
    }
    const list = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top)
        .map(([name, ms]) => `${ms.toFixed(0).padStart(8)} ms  ${name}`).join('\n');
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    return `total ${total.toFixed(0)} ms\n\nself time:\n${list(selfByKey)}\n\ntotal time:\n${list(totalByKey)}`;
}

if (process.argv[2]) {
    console.log(summarise(JSON.parse(readFileSync(process.argv[2], 'utf8')) as Profile, Number(process.argv[3] ?? 25)));
}
