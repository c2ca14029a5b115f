/** Wording shared by the linker's and the validators' messages: what a declaration is called, where another one lives. */
import type { AstNode, AstNodeDescription } from 'langium';

const KIND_BY_TYPE: Record<string, string> = {
    Enum: 'enum', ValueType: 'type', Aggregate: 'aggregate', Command: 'command', Event: 'event',
    DomainError: 'error', ReadModel: 'read model', Query: 'query', Policy: 'policy',
    ContextDeclaration: 'context', Scenario: 'scenario', DataType: 'type'
};

/** `command`, `read model`, … — as the language itself calls the declaration. */
export function kindOf(node: AstNode): string {
    return kindOfType(node.$type);
}

/** The same for an AST type name, as index entries and reference types carry it. */
export function kindOfType(type: string): string {
    return KIND_BY_TYPE[type] ?? type.toLowerCase();
}

export function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `an event`, `a command`: the kind with its article, for the middle of a sentence. */
export function withArticle(kind: string): string {
    return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

/** `in accounts.loom, line 12` (or `on line 12 of this file`) for another declaration found in the index. */
export function describeLocation(description: AstNodeDescription, fromDocument?: string): string {
    const line = description.nameSegment?.range.start.line;
    if (fromDocument === description.documentUri.toString()) {
        return line === undefined ? 'in this file' : `on line ${line + 1} of this file`;
    }
    const file = description.documentUri.path.split('/').pop() ?? description.documentUri.toString();
    return line === undefined ? `in ${file}` : `in ${file}, line ${line + 1}`;
}
