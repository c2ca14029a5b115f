/**
 * The event a new command records, named as a fact in the past tense: `OpenAccount` ->
 * `AccountOpened`, `FreezeAccount` -> `AccountFrozen`, `Ship` -> `Shipped`.
 */

const IRREGULAR: Record<string, string> = {
    Begin: 'Begun', Bring: 'Brought', Buy: 'Bought', Choose: 'Chosen', Do: 'Done', Draw: 'Drawn', Find: 'Found',
    Forget: 'Forgotten', Freeze: 'Frozen', Get: 'Got', Give: 'Given', Hide: 'Hidden', Hold: 'Held', Keep: 'Kept',
    Lay: 'Laid', Leave: 'Left', Lend: 'Lent', Lose: 'Lost', Make: 'Made', Meet: 'Met', Pay: 'Paid', Put: 'Put',
    Read: 'Read', Rebuild: 'Rebuilt', Resend: 'Resent', Reset: 'Reset', Run: 'Run', Sell: 'Sold', Send: 'Sent',
    Set: 'Set', Shut: 'Shut', Sign: 'Signed', Spend: 'Spent', Split: 'Split', Take: 'Taken', Tell: 'Told',
    Undo: 'Undone', Upset: 'Upset', Withdraw: 'Withdrawn', Withhold: 'Withheld', Write: 'Written'
};

/** Longer verbs whose last consonant doubles (stress on the last syllable, or British spelling). */
const DOUBLING_VERBS = new Set([
    'Admit', 'Cancel', 'Commit', 'Control', 'Emit', 'Equip', 'Label', 'Level', 'Model', 'Occur', 'Omit', 'Patrol',
    'Permit', 'Prefer', 'Refer', 'Regret', 'Signal', 'Submit', 'Total', 'Transfer', 'Travel', 'Unpin', 'Unwrap'
]);

/** One syllable ending consonant-vowel-consonant doubles its consonant: `Ship` -> `Shipped`. */
function doublesLastConsonant(verb: string): boolean {
    if (DOUBLING_VERBS.has(verb)) return true;
    const syllables = verb.toLowerCase().match(/[aeiouy]+/g)?.length ?? 0;
    return syllables === 1 && /[^aeiou][aeiou][^aeiouwxy]$/i.test(verb);
}

export function pastTense(verb: string): string {
    const irregular = IRREGULAR[verb];
    if (irregular) return irregular;
    if (/e$/.test(verb)) return `${verb}d`;
    if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ied`;
    if (doublesLastConsonant(verb)) return `${verb}${verb.slice(-1)}ed`;
    return `${verb}ed`;
}

/** The verb first, the rest after it: `OpenAccount` -> `AccountOpened`. */
export function pastTenseEventName(commandName: string): string {
    const words = commandName.match(/[A-Z][a-z0-9]*|[a-z0-9]+|[A-Z]+(?![a-z])/g) ?? [commandName];
    const [verb, ...rest] = words;
    const capitalizedVerb = verb.charAt(0).toUpperCase() + verb.slice(1);
    return `${rest.join('')}${pastTense(capitalizedVerb)}`;
}
