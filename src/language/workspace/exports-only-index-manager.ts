/**
 * The index of a one-shot build (the CLI): exported symbols only, no reference index. Langium
 * records every resolved reference of every document (phase IndexedReferences) so that an editor
 * can find references, rename and tell which files an edit affects (`isAffected`); a build that
 * reads the files once and reports never asks any of that, so recording them is work nothing the
 * CLI prints depends on. (With nothing recorded, `findAllReferences` finds nothing and no
 * document counts as affected by a change.)
 */
import { DefaultIndexManager } from 'langium';

export class ExportsOnlyIndexManager extends DefaultIndexManager {
    override async updateReferences(): Promise<void> {
        // Nothing to record: see the module comment.
    }
}
