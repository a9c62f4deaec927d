// What a profile showed for a target the bench still misses: where the time goes and why it is not ours
// to cut. docs/benchmarks.md prints these lines under the missed target, after the numbers of its run;
// a missed target with none here shows that its profile is still to be written. Keep each line a fact
// a profile showed (tool, function, share of the time), not a guess. Rerun them with
// `node --import tsx scripts/bench/profile-suite.ts <part>` (its header says how), never during a bench.
import type { TargetId } from './targets';

export const PROFILE_NOTES: Partial<Record<TargetId, string[]>> = {
  steps: [
    'CPU profile of a quiet 500-scenario run (`profile-suite.ts --cpu-prof`): our own code (World, redaction, JSONPath, interpolation) is about 0.5 ms of self time a scenario; Playwright capturing a stack for every API call (captureRawStack, prepareStackTrace) is about 1.3 ms a scenario, and the floor pays it too.',
    'The same 300-scenario file, same sandbox, 5 alternating runs on a quiet machine: ours 2.80 s (2.54–3.75), the floor 2.53 s (2.17–3.20) in all, of which the one-scenario runs already differ by 0.29 s (1.04 vs 0.75 s: our support code loading): per further scenario the two were within their spread. A slope from 3 runs moves by ±1.5 ms a scenario here (the floor\'s min–max above), more than the 1.2× margin of 1.2 ms.',
  ],
  newman: [
    'Of our wall at 100 scenarios, the start-up with no scenario selected is the figure above (cucumber alone with an empty configuration: 0.40–0.50 s of it), and the first scenario adds about 450 ms: `require(\'@playwright/test\')` takes 330–500 ms on this machine (playwright-core alone 290–360 ms) before the first request context. Newman\'s one-iteration run is its whole start-up; each further scenario costs us well under half of Newman\'s (the table above), so the ratio keeps falling as a run grows: at 100 scenarios start-up still dominates our wall.',
  ],
  'main-job': [
    'Phases of one `npm run acceptance` on a quiet machine (timestamps around each call in scripts/acceptance.ts): its own start 0.3 s, cucumber with all reporters 4.7 s (the quiet suite: 3.4 s; the suite records every exchange of its 246 scenarios, redacted, with its curl line and cookie jar), the traceability matrix 0.4 s, the Allure build 2.1 s (an empty build: 1.1 s; Allure 2 alone on the 812 result files: 1.7–2.0 s, and trimmed to the behaviors plugin: no measurable change).',
    'So about 1 s of the gap is Allure\'s Java reading and writing real results, and about 1.3 s is what the reporters record on the real suite: the report is the product of this job, the floor excludes it by definition.',
  ],
  memory: [
    'Heap snapshots of the quiet profile at 1,000 and 3,000 scenarios: the live heap grows from 68 to 91 MB, about 11 KB a scenario, retained by cucumber\'s own EventDataCollector (testCaseMap → testCase.testSteps[].stepMatchArgumentsLists), which keeps every pickle, test case and result of the run for its summary. The cucumber floor\'s peak RSS grows with size as well: 214 → 436 MB (2.04×) from 1,000 to 5,000 scenarios, same machine.',
    'Most of the growth is garbage V8 has not yet collected, not memory kept: the same 5,000-scenario quiet run with `node --max-old-space-size=160` peaks at 253 MB (the 1,000-scenario run: 250 MB), but takes 25.8 s instead of 20.7 s. A heap cap trades a quarter of the time for flat memory and would stop a larger suite that needs more, so it is not the default; a CI machine short of memory can set it through NODE_OPTIONS.',
  ],
};
