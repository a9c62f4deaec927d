// JUnit test cases carry their behaviour IDs as <property name="behaviour" value="SDM-02"/>, so a CI
// dashboard can group results by behaviour. Cucumber's JUnit formatter names a test case after its
// scenario (prefixed with its rule, "rule - scenario") under its feature's name.
import type { RunScenario } from './scenarios';
import { behaviourIds } from '../feature-place';

const attribute = (tag: string, name: string) => /\s/.test(name) ? undefined : new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const unescapeXml = (text: string) => text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The report with each test case's behaviour properties; test cases it cannot match are left as they are. */
export function withBehaviourProperties(xml: string, scenarios: RunScenario[]): string {
  // Matched in order: the formatter writes test cases in the order the scenarios ran.
  const queue = scenarios.filter((s) => s.status !== 'not run');
  return xml.replace(/<testcase\b[^>]*?(\/?)>/g, (tag, selfClosing: string) => {
    const classname = unescapeXml(attribute(tag, 'classname') ?? '');
    const name = unescapeXml(attribute(tag, 'name') ?? '');
    const index = queue.findIndex((s) => s.feature === classname && (name === s.name || name.endsWith(` - ${s.name}`)));
    if (index < 0) return tag;
    const [scenario] = queue.splice(index, 1);
    const ids = behaviourIds(scenario!.tags);
    if (ids.length === 0) return tag;
    const properties = `<properties>${ids.map((id) => `<property name="behaviour" value="${id}"/>`).join('')}</properties>`;
    return selfClosing ? `${tag.slice(0, -2)}>${properties}</testcase>` : `${tag}${properties}`;
  });
}
