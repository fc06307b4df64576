/**
 * Moves call sites of sim-core's old flat facade (`MovementSim`, 42 methods on one object) to the facade split by
 * domain (`Sim`: `bodies`, `tiles`, `projectiles`, `combat`, `prng`, plus the world's `step()` and `stateHash()`):
 *
 *   npx tsx scripts/migrate-sim-facade.ts [--dry-run]
 *
 * Re-runnable, and meant to be re-run after merging a branch written against the old facade. Two passes:
 * 1. words: `WasmMovementSim` → `WasmSim`, `MovementSim` → `Sim`, in every .ts/.tsx file of the workspaces;
 * 2. members, by type: with the TypeScript checker of each package (sim-core, worker, web, scripts), every
 *    `expr.member` whose `expr` is a `Sim` or `WasmSim` and whose `member` is an old name (`sim.x(slot)`,
 *    `this.sim.setTile(...)`, `world.sim.projectileEnd`) becomes `expr.<domain>.<new name>` — only the member's name
 *    is rewritten, so each edit is as small as the call it moves.
 * What it cannot see by type it lists instead of guessing: old names used as strings or in destructuring of a sim
 * (a Proxy's `key === "stepBody"`, `const { x } = sim`). Fix those by hand, then `npm run typecheck`.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { REPO_ROOT } from "./lib/wrangler-dev.ts";

/** Old member → [domain, new member]. Members not listed (`step`, `stateHash`) kept their place and name. */
const MOVED: Readonly<Record<string, readonly [string, string]>> = {
  capacity: ["bodies", "capacity"],
  spawn: ["bodies", "spawn"],
  despawn: ["bodies", "despawn"],
  isActive: ["bodies", "isActive"],
  setState: ["bodies", "setState"],
  setInput: ["bodies", "setInput"],
  stepBody: ["bodies", "step"],
  x: ["bodies", "x"],
  y: ["bodies", "y"],
  vx: ["bodies", "vx"],
  vy: ["bodies", "vy"],
  setTile: ["tiles", "set"],
  tile: ["tiles", "kind"],
  tileHp: ["tiles", "hp"],
  clearTiles: ["tiles", "clear"],
  blockingTileCount: ["tiles", "blockingCount"],
  isTileOccupied: ["tiles", "isOccupied"],
  tilesHash: ["tiles", "hash"],
  stepProjectiles: ["projectiles", "step"],
  setSpawnProjectiles: ["projectiles", "setSpawnEnabled"],
  projectileEnd: ["projectiles", "end"],
  isProjectileActive: ["projectiles", "isActive"],
  projectileX: ["projectiles", "x"],
  projectileY: ["projectiles", "y"],
  projectileVX: ["projectiles", "vx"],
  projectileVY: ["projectiles", "vy"],
  projectileOwner: ["projectiles", "owner"],
  projectileWeapon: ["projectiles", "weapon"],
  lostShots: ["projectiles", "lostShots"],
  setCombat: ["combat", "arm"],
  weapon: ["combat", "weapon"],
  hp: ["combat", "hp"],
  maxHp: ["combat", "maxHp"],
  setHp: ["combat", "setHp"],
  isAlive: ["combat", "isAlive"],
  setAlive: ["combat", "setAlive"],
  isSpawnProtected: ["combat", "isSpawnProtected"],
  setSpawnProtected: ["combat", "setSpawnProtected"],
  stamina: ["combat", "stamina"],
  setStamina: ["combat", "setStamina"],
  cooldown: ["combat", "cooldown"],
  setCooldown: ["combat", "setCooldown"],
  rewind: ["combat", "rewind"],
  setRewind: ["combat", "setRewind"],
  drainEvents: ["combat", "drainEvents"],
  droppedEvents: ["combat", "droppedEvents"],
  setSeed: ["prng", "seed"],
  seedState: ["prng", "state"],
  drawRandom: ["prng", "draw"],
};

const RENAMED_WORDS: readonly (readonly [RegExp, string])[] = [
  [/\bWasmMovementSim\b/g, "WasmSim"],
  [/\bMovementSim\b/g, "Sim"],
];
/** The facade's types, by name and the file that declares them. */
const SIM_TYPES = new Map([
  ["Sim", "sim-core/src/sim.ts"],
  ["WasmSim", "sim-core/src/wasm-sim.ts"],
]);
const WORKSPACES = ["sim-core", "worker", "web", "scripts", "protocol"];
const PROJECTS = ["sim-core", "worker", "web", "scripts"];
const dryRun = process.argv.includes("--dry-run");

/** Generated output and installed packages: never sources. */
const SKIPPED = new Set(["sim-core/build", "web/dist"].map((path) => join(REPO_ROOT, path)));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name.startsWith(".") || SKIPPED.has(path)) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

const self = join(REPO_ROOT, "scripts", "migrate-sim-facade.ts");
let renamedFiles = 0;
for (const file of WORKSPACES.flatMap((workspace) => sourceFiles(join(REPO_ROOT, workspace)))) {
  if (file === self) continue;
  const text = readFileSync(file, "utf8");
  const renamed = RENAMED_WORDS.reduce((out, [word, to]) => out.replace(word, to), text);
  if (renamed === text) continue;
  renamedFiles++;
  if (!dryRun) writeFileSync(file, renamed);
}
console.log(`pass 1: ${renamedFiles} files ${dryRun ? "would rename" : "renamed"} MovementSim/WasmMovementSim`);

function isSimType(checker: ts.TypeChecker, type: ts.Type): boolean {
  const types = type.isUnion() ? type.types : [checker.getNonNullableType(type)];
  return types.some((t) => {
    const symbol = t.getSymbol() ?? t.aliasSymbol;
    const declaredIn = symbol && SIM_TYPES.get(symbol.getName());
    return declaredIn !== undefined && symbol!.declarations!.some((d) => relative(REPO_ROOT, d.getSourceFile().fileName) === declaredIn);
  });
}

interface Edit {
  start: number;
  end: number;
  text: string;
}
const edits = new Map<string, Map<number, Edit>>();
const unseen: string[] = [];
for (const project of PROJECTS) {
  const configPath = join(REPO_ROOT, project, "tsconfig.json");
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const program = ts.createProgram(config.fileNames, config.options);
  const checker = program.getTypeChecker();
  const own = new Set(config.fileNames.map((f) => ts.sys.resolvePath(f)));
  for (const sourceFile of program.getSourceFiles()) {
    const path = ts.sys.resolvePath(sourceFile.fileName);
    if (!own.has(path) || sourceFile.isDeclarationFile || path === self) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) && Object.hasOwn(MOVED, node.name.text)) {
        const type = checker.getTypeAtLocation(node.expression);
        if (isSimType(checker, type) && !checker.getNonNullableType(type).getProperty(node.name.text)) {
          const [domain, member] = MOVED[node.name.text]!;
          const fileEdits = edits.get(path) ?? new Map<number, Edit>();
          fileEdits.set(node.name.getStart(), { start: node.name.getStart(), end: node.name.getEnd(), text: `${domain}.${member}` });
          edits.set(path, fileEdits);
        }
      }
      if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer) {
        const oldNames = node.name.elements.map((e) => (e.propertyName ?? e.name).getText()).filter((n) => Object.hasOwn(MOVED, n));
        if (oldNames.length > 0 && isSimType(checker, checker.getTypeAtLocation(node.initializer))) {
          unseen.push(where(sourceFile, node, `destructures ${oldNames.join(", ")} from a sim`));
        }
      }
      if (ts.isStringLiteral(node) && Object.hasOwn(MOVED, node.text) && sourceFile.text.includes("new Proxy(")) {
        unseen.push(where(sourceFile, node, `names "${node.text}" as a string`));
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
}

function where(sourceFile: ts.SourceFile, node: ts.Node, what: string): string {
  const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart());
  return `${relative(REPO_ROOT, sourceFile.fileName)}:${line + 1} ${what}`;
}

let memberEdits = 0;
for (const [path, fileEdits] of edits) {
  let text = readFileSync(path, "utf8");
  // From the end backwards, so earlier offsets stay valid.
  for (const edit of [...fileEdits.values()].sort((a, b) => b.start - a.start)) {
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    memberEdits++;
  }
  if (dryRun) console.log(`${relative(REPO_ROOT, path)}: ${fileEdits.size}`);
  else writeFileSync(path, text);
}
console.log(`pass 2: ${memberEdits} members in ${edits.size} files ${dryRun ? "would move" : "moved"} to their domain`);
if (unseen.length > 0) {
  console.log("\ncheck by hand (not rewritten):");
  for (const line of [...new Set(unseen)]) console.log(`  ${line}`);
}
