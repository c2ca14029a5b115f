/**
 * Node 20 lacks `Object.groupBy` / `Map.groupBy` (Node 21+), which chevrotain — the parser library
 * under Langium 4 — calls while building the parser. Load this module before anything imports
 * langium, in every entry point: bundles import it first, plain Node runs get `--import` of it
 * (langium-cli, the test runner). Electron's V8 has both, so there it changes nothing.
 */
function groupInto(items, keyOf, add) {
    let index = 0;
    for (const item of items) {
        add(keyOf(item, index++), item);
    }
}

if (typeof Object.groupBy !== 'function') {
    Object.groupBy = (items, keyOf) => {
        const groups = Object.create(null);
        groupInto(items, keyOf, (key, item) => (groups[key] ??= []).push(item));
        return groups;
    };
}

if (typeof Map.groupBy !== 'function') {
    Map.groupBy = (items, keyOf) => {
        const groups = new Map();
        groupInto(items, keyOf, (key, item) => {
            const group = groups.get(key);
            if (group) group.push(item); else groups.set(key, [item]);
        });
        return groups;
    };
}
