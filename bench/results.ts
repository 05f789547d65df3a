/**
 * Bench results: every figure a section measures is printed and recorded under one key
 * (`startup.helpMs`, `scale.5000.noopPlanMs`, ...); run.ts writes them to bench/results.json.
 */
export type Figure = number | string | boolean;

export interface Recorder {
  /** Records one figure under `key` (dotted: section.name). */
  (key: string, value: Figure): void;
}

export interface BenchSection {
  /** Short name, used to pick sections: `npm run bench -- scale lambda`. */
  readonly name: string;
  /** Runs the section in `dir` (a fresh temporary directory), printing as it goes. */
  run(dir: string, record: Recorder): Promise<void>;
}

export class Results {
  readonly figures: Record<string, Figure> = {};
  readonly record: Recorder = (key, value) => {
    this.figures[key] = typeof value === 'number' ? Math.round(value * 100) / 100 : value;
  };
}
