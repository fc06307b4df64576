// The units the simulation and the wire share, in the one package both import: sim-core (the simulation) and
// protocol (the wire contract) stay independent of each other, and the page and the room import both. Host-neutral
// and import-free (sim-core/test/host-neutral.test.ts checks), so it runs wherever sim-core or protocol does.

/**
 * Positions and velocities travel as int16 counts of 1/256 m (m/s), and the simulation keeps its state on that grid,
 * so a snapshot restores a body exactly. sim.wasm holds the same number (sim-core/assembly/constants.ts) and the
 * facade refuses a build whose number differs.
 */
export const WIRE_UNITS_PER_METRE = 256;
