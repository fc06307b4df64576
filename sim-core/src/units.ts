// The units the simulation and the wire share. The simulation defines the grid it keeps its state on; the wire
// (protocol) carries counts of it. protocol imports this one leaf module (`@edgehold/sim-core/units`), never the
// simulation itself: it imports nothing (sim-core/test/host-neutral.test.ts checks), so the wire contract pulls in no
// wasm and no facade.

/**
 * Positions and velocities travel as int16 counts of 1/256 m (m/s), and the simulation keeps its state on that grid,
 * so a snapshot restores a body exactly. sim.wasm holds the same number (sim-core/assembly/constants.ts) and the
 * facade refuses a build whose number differs.
 */
export const WIRE_UNITS_PER_METRE = 256;
