/**
 * The scenarios of the workspace between the language server (which holds the parsed models) and
 * the extension's Test Explorer: the server lists them and tells when a file's list changes, and
 * runs them against the generated code on request. Types and request constants only.
 */
import { NotificationType, RequestType, RequestType0, type Range } from 'vscode-languageserver-protocol';

/** One scenario as the Test Explorer lists it. */
export interface ScenarioEntry {
    name: string;
    context: string;
    /**
     * What it is grouped under in its file: the aggregate its `when` command belongs to, else the
     * first read model it expects (a projection scenario), else nothing (the context).
     */
    group?: { kind: 'aggregate' | 'readModel'; name: string };
    /** The whole `scenario "…" { … }` declaration; it starts at the scenario's line. */
    range: Range;
}

export interface ScenarioFile {
    uri: string;
    scenarios: ScenarioEntry[];
}

/** Every model file of the workspace with its scenarios (files without any included). */
export const ScenarioListRequest = new RequestType0<ScenarioFile[], void>('eventloom/scenarios');

export interface ScenariosChanged {
    /** Files (re)built since the last notification, with their scenarios now. */
    changed: ScenarioFile[];
    /** Files that are gone from the workspace. */
    removed: string[];
}

export const ScenariosChangedNotification = new NotificationType<ScenariosChanged>('eventloom/scenariosChanged');

export interface RunScenariosParams {
    /** Absolute path of the output folder (the setting `eventloom.generate.outDir`). */
    outDir: string;
}

/** A problem that keeps the generated code from running, in an output file. */
export interface CodeProblem {
    /** Absolute path of the output file. */
    file: string;
    /** 1-based. */
    line: number;
    column: number;
    message: string;
}

export type RunOutcome =
    | { kind: 'passed' }
    | { kind: 'failed'; expected: string; actual: string }
    | { kind: 'notRun'; reason: string; problems: CodeProblem[] };

export interface ScenarioRunResult {
    uri: string;
    context: string;
    name: string;
    /** The scenario's line, 0-based (as LSP positions are). */
    line: number;
    outcome: RunOutcome;
}

/** An error of the model (not a failing scenario) that keeps every scenario from running. */
export interface ModelError {
    uri: string;
    range: Range;
    message: string;
}

export interface RunScenariosResult {
    /** The scenarios ran against this output folder, or, when it holds no generated code yet, against code generated in memory. */
    codeFrom: 'outputFolder' | 'memory';
    outDir: string;
    /** Output files that were stale and were brought up to date first (relative to `outDir`). */
    updated: string[];
    /** Non-empty: nothing was run, fix these first. */
    modelErrors: ModelError[];
    /** Still being checked when the run was asked for (nothing was run). */
    notReady: number;
    scenarios: ScenarioRunResult[];
    /** Problems of the generated code as a whole (each also on the scenarios it kept from running). */
    problems: CodeProblem[];
}

export const RunScenariosRequest = new RequestType<RunScenariosParams, RunScenariosResult, void>('eventloom/runScenarios');
