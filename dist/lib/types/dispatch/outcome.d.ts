export declare const OUTCOMES: readonly ["delivered", "deduplicated", "filtered", "failed_permanent", "dead_lettered"];
export type OutcomeName = (typeof OUTCOMES)[number] | 'failed_retrying' | 'rendered' | 'superseded';
export interface Outcome {
    sink_id: string;
    event_id: string;
    outcome: OutcomeName;
    attempts: number;
    error?: string;
    /** Not printed in --json lines; used for summaries and exit status. */
    kind: string;
    title: string;
    required: boolean;
}
export declare function isFailure(outcome: Outcome): boolean;
/** The --json line: sink_id, event_id, outcome, attempts, and error when there is one. */
export declare function outcomeLine(outcome: Outcome): Record<string, unknown>;
export declare function countOutcomes(outcomes: readonly Outcome[]): Record<string, number>;
