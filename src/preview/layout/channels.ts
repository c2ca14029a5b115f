/**
 * The free strips edges run through (a gap between layers, a corridor between bands, a gutter
 * between columns), each shared by many edges: every edge taking a strip gets its own line in it,
 * evenly spread, so that no two edges run on one line and each can be followed.
 */
export interface ChannelSlot {
    channel: string;
    index: number;
}

export class Channels {
    private readonly strips = new Map<string, { from: number; to: number; count: number }>();
    private readonly places = new Map<string, number[]>();

    /** Takes a line in the strip `key` lying between `from` and `to` (the first taker's bounds count). */
    take(key: string, from: number, to: number): ChannelSlot {
        let strip = this.strips.get(key);
        if (!strip) this.strips.set(key, strip = { from, to, count: 0 });
        return { channel: key, index: strip.count++ };
    }

    /** Spreads each strip's lines once everyone has taken theirs. */
    assign(): void {
        for (const [key, strip] of this.strips) {
            this.places.set(key, Array.from({ length: strip.count }, (_, i) => spreadAlong(strip.from, strip.to, i, strip.count)));
        }
    }

    at(slot: ChannelSlot): number {
        return this.places.get(slot.channel)![slot.index];
    }
}

/** The i-th of n places spread evenly between `from` and `to`, none on the ends. */
export function spreadAlong(from: number, to: number, i: number, n: number): number {
    return from + (to - from) * (i + 1) / (n + 1);
}
