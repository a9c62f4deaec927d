// Step arguments may carry `{{name}}` (a value remembered earlier in the scenario) and `${VAR}` (a
// configuration value: the environment, or the emulator's demo value when the variable is unset).

export function interpolate(text: string, remembered: ReadonlyMap<string, unknown>, variables: Readonly<Record<string, string>>): string {
  return text
    .replace(/\$\{([A-Z0-9_]+)\}/g, (_, name: string) => {
      const value = variables[name];
      if (value === undefined) {
        throw new Error(`\${${name}} is not set: set ${name} in .env or the environment (known here: ${Object.keys(variables).sort().join(', ')})`);
      }
      return value;
    })
    .replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (_, name: string) => {
      if (!remembered.has(name)) {
        const known = [...remembered.keys()];
        throw new Error(`Nothing was remembered as "${name}" in this scenario (remembered so far: ${known.length ? known.join(', ') : 'nothing'})`);
      }
      const value = remembered.get(name);
      return typeof value === 'string' ? value : JSON.stringify(value);
    });
}
