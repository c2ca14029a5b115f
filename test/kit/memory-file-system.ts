/** Files on "disk" for in-process services: what a closed document is read again from. */
import { EmptyFileSystemProvider, type URI } from 'langium';

export class MemoryFileSystem extends EmptyFileSystemProvider {
    readonly texts = new Map<string, string>();
    override async readFile(uri?: URI): Promise<string> {
        const text = uri && this.texts.get(uri.toString());
        if (text === undefined) throw new Error(`no file ${uri?.toString()}`);
        return text;
    }
}
