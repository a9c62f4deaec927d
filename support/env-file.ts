// Reads a .env file by the rule .env.example states, so a value reaches the run exactly as written or
// the run stops: dotenv would cut `abc#def` to `abc`, trim spaces and skip a line it cannot read, all
// silently. Rule: one NAME=value per line (optionally `export NAME=value`); blank lines and lines
// starting with # are comments. A quoted value ('…' or "…") is taken literally, without escapes, and
// may be followed by a comment. An unquoted value is everything after = to the end of the line, #
// included; where that is ambiguous it is refused: a leading or trailing space (invisible), or a #
// after a space (it looks like a comment but would be sent). No problem ever quotes a value.
import { readFileSync } from 'node:fs';

export interface EnvFile {
  /** The file as named (DOTENV_PATH or .env), for the messages. */
  label: string;
  values: Record<string, string>;
  /** One sentence per problem, naming the variable (or the line, when it has no name). */
  problems: string[];
}

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=(.*)$/;
const QUOTE_THEN = /^\s*(#.*)?$/;

export function parseEnvFile(text: string, label: string): EnvFile {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  const lineOf = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, index) => {
    const number = index + 1;
    if (/^\s*(#.*)?$/.test(line)) return;
    const match = ASSIGNMENT.exec(line);
    if (!match) {
      problems.push(`${label} line ${number} is not NAME=value, a comment or blank: fix or remove it (a line that cannot be read is not skipped)`);
      return;
    }
    const [, name, raw] = match as unknown as [string, string, string];
    const where = `${name} in ${label} (line ${number})`;
    const first = lineOf.get(name);
    if (first !== undefined) {
      problems.push(`${name} is set twice in ${label} (lines ${first} and ${number}): keep one`);
      return;
    }
    lineOf.set(name, number);
    const quote = raw[0];
    if (quote === "'" || quote === '"') {
      const close = raw.indexOf(quote, 1);
      if (close < 0) problems.push(`${where} opens a ${quote} quote it does not close on that line: a value is one line`);
      else if (!QUOTE_THEN.test(raw.slice(close + 1))) problems.push(`${where} has text after its closing ${quote}: only a # comment may follow a quoted value`);
      else values[name] = raw.slice(1, close);
      return;
    }
    if (/^[ \t]|[ \t]$/.test(raw)) {
      problems.push(`${where} has an unquoted value that starts or ends with a space: remove the space, or quote the value ('…') to keep it`);
    } else if (/[ \t]#/.test(raw)) {
      problems.push(`${where} has an unquoted value with a # after a space, which would be sent as part of the value: quote the value ('…') to keep the #, or put the comment on its own line`);
    } else {
      values[name] = raw;
    }
  });
  return { label, values, problems };
}

/** The file at `path`; a missing file is an empty one unless `required` (it was named on purpose). */
export function readEnvFile(path: string, required: boolean): EnvFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return { label: path, values: {}, problems: [] };
    const named = required ? `DOTENV_PATH=${JSON.stringify(path)}` : path;
    const advice = required ? ': name an existing file, or unset DOTENV_PATH to read .env' : '';
    return { label: path, values: {}, problems: [`${named} cannot be read (${code ?? String(error)})${advice}`] };
  }
  return parseEnvFile(text, path);
}
