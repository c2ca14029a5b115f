/**
 * Lines that layers above the language add to a node's hover, without the language importing
 * them: the scenario check (src/semantics/) says here why a scenario is not run by the editor.
 * Each note is asked for the hovered declaration and may answer with Markdown or nothing.
 */
import type { AstNode } from 'langium';

export type HoverNote = (node: AstNode) => string | undefined;

export class HoverNotes {
    private readonly notes: HoverNote[] = [];

    add(note: HoverNote): void {
        this.notes.push(note);
    }

    for(node: AstNode): string[] {
        return this.notes.map(note => note(node)).filter((text): text is string => !!text);
    }
}
