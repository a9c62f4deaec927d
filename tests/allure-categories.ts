// How Allure 2 sorts a result into the categories of categories.json (its CategoriesPlugin): into every
// category whose statuses hold the result's status and whose messageRegex matches the whole message.
import { CATEGORIES } from '../scripts/report';

/** Java's Pattern.compile(regex, DOTALL).matcher(message).matches(), for the constructs used here. */
export function allureMatches(regex: string, message: string): boolean {
  return new RegExp(`^(?:${regex.replace(/^\(\?s\)/, '')})$`, 's').test(message);
}

/** The categories Allure would give a result: every one that matches. */
export function categoriesOf(status: string, message: string): string[] {
  return CATEGORIES.filter((c) => c.matchedStatuses.includes(status) && (c.messageRegex === undefined || allureMatches(c.messageRegex, message))).map((c) => c.name);
}
