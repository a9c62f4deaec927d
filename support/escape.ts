// How a string is written inside a JSON string or XML text: shared by the steps that write values into
// bodies (support/interpolate.ts) and by the redactor, which must recognise a secret written either way.

/** The characters between the quotes of a JSON string holding `value` (`"` and `\` escaped). */
export const inJsonString = (value: string): string => JSON.stringify(value).slice(1, -1);

/** `value` as XML text or an attribute value: `&`, `<`, `>` and both quotes as entities. */
export const inXml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
