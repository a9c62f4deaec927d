// Lifecycle: emulators start once per process (BeforeAll) unless <PREFIX>BASE_URL points elsewhere;
// each scenario gets fresh request contexts (Before) that are disposed after it (After), so no cookie
// survives a scenario. Every step and hook error passes the redactor before cucumber records it, its
// stack source-mapped (support/source-maps.ts).
import { After, AfterAll, Before, BeforeAll, setDefaultTimeout, setDefinitionFunctionWrapper, type ITestCaseHookParameter } from '@cucumber/cucumber';
import { labels } from 'allure-js-commons';
import 'allure-cucumberjs';
import { API_IDS, CONTRACT, type ApiId } from './config';
import { behaviourIds, featureFolder } from './feature-place';
import { config, credentialsRedactor, startRuntime, stopRuntime } from './runtime';
import { sourceMapsOff, withSourceMaps } from './source-maps';
import { ApiWorld } from './world';
import { scenarioShapes, writeShapeParts } from './shapes/collect';

// A step may wait for one request to time out and then report it: give it that long and a margin.
setDefaultTimeout(config.requestTimeoutMs + 5_000);

const processRedactor = credentialsRedactor.clone();
setDefinitionFunctionWrapper((code: (...args: unknown[]) => unknown) => {
  return async function redacting(this: unknown, ...args: unknown[]) {
    try {
      return await code.apply(this, args);
    } catch (error) {
      throw withSourceMaps(() => (this instanceof ApiWorld ? this.redactor : processRedactor).error(error));
    }
  };
});

BeforeAll(async () => {
  // Only now: Node keeps a module's source map only if maps are on when it loads, and all support code has.
  sourceMapsOff();
  await startRuntime();
});

AfterAll(async () => {
  writeShapeParts(); // this process's part of reports/shapes (support/shapes/collect.ts)
  await stopRuntime();
});

Before(async function (this: ApiWorld, { pickle, gherkinDocument }: ITestCaseHookParameter) {
  this.api = apiOfFeature(pickle.uri);
  if (this.api && this.recording) {
    this.shapes = scenarioShapes(this.api, config.targets[this.api].baseUrl !== undefined, pickle, gherkinDocument, this.parameters);
    // Suites: product > feature. Behaviors: product (epic) > feature > behaviour ID (story). One message.
    const product = CONTRACT[this.api].product;
    const ids = behaviourIds(pickle.tags.map((t) => t.name));
    await labels(
      { name: 'parentSuite', value: product },
      { name: 'suite', value: gherkinDocument.feature?.name ?? pickle.uri },
      { name: 'epic', value: product },
      ...ids.flatMap((id) => [{ name: 'story', value: id }, { name: 'behaviour', value: id }]),
      ...(pickle.tags.some((t) => t.name === '@documented') ? [{ name: 'documented', value: 'true' }] : []),
    );
  }
  const onlyOnEmulator = pickle.tags.some((tag) => tag.name === '@emulator');
  if (onlyOnEmulator && this.api && config.targets[this.api].baseUrl !== undefined) {
    this.log(`Skipped: this scenario can only be provoked on the emulator, and ${CONTRACT[this.api].prefix}BASE_URL points at a real target.`);
    return 'skipped';
  }
  await this.context();
  return undefined;
});

After(async function (this: ApiWorld) {
  await this.dispose();
  this.emulator?.emulator.clock.reset();
});

function apiOfFeature(uri: string): ApiId | undefined {
  const folder = featureFolder(uri);
  return API_IDS.find((id) => id === folder);
}
