/** The entry of `out/ts-morph.cjs`: ts-morph in a bundle of its own, loaded by `load-ts-morph.ts` when needed. */
export * from 'ts-morph';
