/**
 * What the CLI agrees to read as a model file: a regular file (or a link to one) of at most
 * MAX_MODEL_FILE_BYTES. Anything else — a FIFO, a device, a socket, or a link to one — would block
 * or never end, so it is refused by its type, before any byte is read.
 */
import type { Stats } from 'node:fs';

/** 10 MB: a hundred times the largest real model we know of, and still read and checked in seconds. */
export const MAX_MODEL_FILE_BYTES = 10 * 1024 * 1024;

export function describeLimit(): string {
    return `${MAX_MODEL_FILE_BYTES / (1024 * 1024)} MB`;
}

/** Why a file cannot be read as a model, or undefined when it can. */
export function unreadableModelFile(info: Stats): string | undefined {
    if (!info.isFile()) return `it is ${kindOf(info)}, not a regular file: Eventloom reads models only from regular files (remove it, or name the real file)`;
    if (info.size > MAX_MODEL_FILE_BYTES) {
        return `it is ${(info.size / (1024 * 1024)).toFixed(1)} MB, over the ${describeLimit()} limit for a model file: split the model into several files (the files of a folder see each other)`;
    }
    return undefined;
}

function kindOf(info: Stats): string {
    if (info.isFIFO()) return 'a named pipe (FIFO)';
    if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
    if (info.isSocket()) return 'a socket';
    if (info.isDirectory()) return 'a folder';
    return 'a special file';
}
