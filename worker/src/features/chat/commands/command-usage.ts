import type { ArgSpec } from "./command-args.ts";

/** `/mute <player> [minutes]`. */
export function usageOf(command: { readonly name: string; readonly args: readonly ArgSpec[] }): string {
  const parts = command.args.map((arg) => {
    const label = arg.kind === "choice" ? arg.choices.join("|") : arg.name;
    return "optional" in arg && arg.optional ? `[${label}]` : `<${label}>`;
  });
  return [`/${command.name}`, ...parts].join(" ");
}
