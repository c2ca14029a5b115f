/** `Context.Name`, the one global name of every declaration (names are unique per context). */
export function qualifiedName(contextName: string, name: string): string {
    return `${contextName}.${name}`;
}

/** Splits `Banking.AccountOpened` into its context and simple name; undefined for a simple name. */
export function splitQualifiedName(text: string): { context: string; name: string } | undefined {
    const dot = text.indexOf('.');
    return dot < 0 ? undefined : { context: text.slice(0, dot), name: text.slice(dot + 1) };
}
