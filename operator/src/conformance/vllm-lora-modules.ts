// vLLM's LoRAParserAction (vllm/entrypoints/openai/cli_args.py): each --lora-modules item is
// name=path (an item with '=' and no ',') or a JSON object with at least name and path.

/** The error vLLM reports for these items, or undefined when it accepts them. */
export function checkLoraModules(items: readonly string[]): string | undefined {
  for (const item of items) {
    if (item === '' || item === 'None') continue;
    if (item.includes('=') && !item.includes(',')) {
      // `name, path = item.split('=')`: a second '=' is a Python ValueError at start-up.
      if (item.split('=').length !== 2) {
        return `invalid --lora-modules item ${item}: too many values to unpack (expected 2)`;
      }
      continue;
    }
    const error = jsonModuleError(item);
    if (error) return error;
  }
  return undefined;
}

function jsonModuleError(item: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(item) as unknown;
  } catch {
    return `Invalid JSON format for --lora-modules: ${item}`;
  }
  const fields = typeof parsed === 'object' && parsed !== null ? parsed : {};
  if (!('name' in fields) || !('path' in fields)) {
    return `Invalid fields for --lora-modules: ${item} - name and path are required`;
  }
  return undefined;
}
