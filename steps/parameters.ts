// Parameter types shared by the generic steps.
import { defineParameterType } from '@cucumber/cucumber';

defineParameterType({ name: 'method', regexp: /[A-Z]+/, transformer: (method: string) => method });

/** An unquoted JSON literal: a number, true, false or null ("is 200", "is false"). */
defineParameterType({ name: 'jsonLiteral', regexp: /-?\d+(?:\.\d+)?|true|false|null/, transformer: (text: string): unknown => JSON.parse(text) });
