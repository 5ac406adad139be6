// The shape of a transcribed vLLM CLI flag table (see README.md): what argparse needs to accept
// or refuse a command line, nothing about help text or defaults.

/**
 * How vLLM's get_kwargs() converts a value (vllm/engine/arg_utils.py):
 * int / float / str as Python does; human-int is human_readable_int ("1k", "2K", "25.6k");
 * json is json.loads (or a dataclass validated from JSON).
 */
export type ValueType = 'str' | 'int' | 'float' | 'human-int' | 'json';

export type FlagKind =
  /** One value (argparse nargs=None), or several with nargs '+'. */
  | 'value'
  /** argparse.BooleanOptionalAction: --x and --no-x, never a value. */
  | 'boolean-optional'
  /** action='store_true': --x alone. */
  | 'store-true'
  /** nargs='?': --x alone or --x VALUE. */
  | 'optional-value'
  /** LoRAParserAction (vllm/entrypoints/openai/cli_args.py): nargs '+' of name=path or JSON. */
  | 'lora-modules';

export interface FlagSpec {
  /** Option strings as registered: the long name first, then aliases such as -tp. */
  names: readonly string[];
  kind: FlagKind;
  type?: ValueType;
  /** Optional[...] in the dataclass: vLLM wraps the type in optional_type ('' and 'None' mean None). */
  optional?: true;
  nargs?: '+';
  /** Literal[...] choices, sorted as literal_to_kwargs sorts them ('None' appended when optional). */
  choices?: readonly (string | number)[];
  /** False when the entry is not from a source file read for this table (see README.md). */
  verified?: false;
}

export interface FlagTable {
  version: string;
  source: string;
  flags: readonly FlagSpec[];
}
