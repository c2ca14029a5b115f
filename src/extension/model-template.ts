/**
 * The starter models shipped in `templates/`: reading them and instantiating one under a new
 * context name. Pure apart from reading the folder, and free of `vscode`, so it is unit-tested
 * in plain mocha; `new-model-command.ts` is the editor UI around it.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { contextNameInText } from '../language/context-line.js';

export interface TemplateFile {
    /** Path relative to the template (and later to the target folder), posix separators. */
    path: string;
    text: string;
}

export interface ModelTemplate {
    /** The file or folder name in `templates/`, e.g. `banking.loom` or `online-shop`. */
    id: string;
    /** Shown in the picker: `Banking` or `Online Shop`. */
    label: string;
    /** The template's doc comment on its first context, if any. */
    description: string;
    /** The context the user's name replaces: the one of the (first) file. */
    contextName: string;
    /** A folder template is written into a folder of its own name. */
    isFolder: boolean;
    files: TemplateFile[];
}

/** Every `.loom` file and every folder holding `.loom` files in `templatesDir`, sorted by id. */
export async function readTemplates(templatesDir: string): Promise<ModelTemplate[]> {
    const entries = await fs.readdir(templatesDir, { withFileTypes: true });
    const templates: ModelTemplate[] = [];
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(templatesDir, entry.name);
        if (entry.isFile() && entry.name.endsWith('.loom')) {
            const text = await fs.readFile(full, 'utf8');
            const template = toTemplate(entry.name, entry.name.slice(0, -'.loom'.length), false, [{ path: entry.name, text }]);
            if (template) templates.push(template);
        } else if (entry.isDirectory()) {
            const names = (await fs.readdir(full)).filter(name => name.endsWith('.loom')).sort();
            const files = await Promise.all(names.map(async name => ({ path: name, text: await fs.readFile(path.join(full, name), 'utf8') })));
            const template = toTemplate(entry.name, entry.name, true, files);
            if (template) templates.push(template);
        }
    }
    return templates;
}

function toTemplate(id: string, baseName: string, isFolder: boolean, files: TemplateFile[]): ModelTemplate | undefined {
    const first = files[0];
    const contextName = first && contextNameInText(first.text);
    if (!first || !contextName) return undefined;
    const label = baseName.split(/[-_]+/).filter(Boolean).map(part => part[0]!.toUpperCase() + part.slice(1)).join(' ');
    const description = /^\s*\/\*\*([\s\S]*?)\*\//.exec(first.text)?.[1]
        ?.split('\n').map(line => line.replace(/^\s*\*?\s?/, '').trim()).filter(Boolean).join(' ') ?? '';
    return { id, label, description, contextName, isFolder, files };
}

/** Why `name` cannot name a context, or undefined when it can. */
export function contextNameProblem(name: string): string | undefined {
    if (name.trim() === '') return 'Enter a name for the context, for example Billing.';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `'${name}' is not an identifier: use letters and digits only, starting with a letter (for example Billing).`;
    if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) {
        return `Context names are PascalCase: use '${toPascalCase(name)}'.`;
    }
    return undefined;
}

function toPascalCase(name: string): string {
    return name.split(/[_\s]+/).filter(Boolean).map(part => part[0]!.toUpperCase() + part.slice(1)).join('');
}

/** `OnlineShop` -> `online-shop`, `HTTPGateway` -> `http-gateway`: the file name of a context. */
export function contextFileName(contextName: string): string {
    return contextName
        .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
        .toLowerCase() + '.loom';
}

/**
 * The template's files with its context renamed to `contextName`: the `context` declaration, the
 * qualified references `Old.Event` in the template's other files, and the file name when it is
 * the old context's file name. Folder templates are placed in a folder named like the template.
 */
export function instantiateTemplate(template: ModelTemplate, contextName: string): TemplateFile[] {
    const oldFileName = contextFileName(template.contextName);
    return template.files.map(file => {
        const fileName = file.path === oldFileName || !template.isFolder ? contextFileName(contextName) : file.path;
        return {
            path: template.isFolder ? `${template.id}/${fileName}` : fileName,
            text: renameContext(file.text, template.contextName, contextName)
        };
    });
}

/** Renames context `from` to `to` in code, leaving comments and strings alone. */
export function renameContext(text: string, from: string, to: string): string {
    const declaration = new RegExp(`(\\bcontext\\s+)${from}\\b`, 'g');
    const qualified = new RegExp(`(?<![\\w.])${from}(?=\\s*\\.\\s*[A-Za-z_])`, 'g');
    return splitCode(text)
        .map(part => part.isCode ? part.text.replace(declaration, `$1${to}`).replace(qualified, to) : part.text)
        .join('');
}

/** Cuts text into code and non-code (comments, strings) parts, so renames touch code only. */
function splitCode(text: string): Array<{ text: string; isCode: boolean }> {
    const parts: Array<{ text: string; isCode: boolean }> = [];
    const nonCode = /\/\*[\s\S]*?(?:\*\/|$)|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"?/g;
    let last = 0;
    for (const match of text.matchAll(nonCode)) {
        if (match.index > last) parts.push({ text: text.slice(last, match.index), isCode: true });
        parts.push({ text: match[0], isCode: false });
        last = match.index + match[0].length;
    }
    if (last < text.length) parts.push({ text: text.slice(last), isCode: true });
    return parts;
}
