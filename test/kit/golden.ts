/**
 * Golden files: `EVENTLOOM_UPDATE_GOLDEN=1` (the one switch for every golden test) rewrites them
 * instead of comparing; then review the diff.
 */
export const UPDATE_GOLDEN_VARIABLE = 'EVENTLOOM_UPDATE_GOLDEN';

export const updateGolden = process.env[UPDATE_GOLDEN_VARIABLE] === '1';
