import { describe, expect, it } from "vitest";
import { DEFAULT_DEV_PORT, devArgs } from "../lib/dev-args.ts";

describe("npm run dev arguments", () => {
  it("takes the port from --port, --port=, PORT or the default, and passes everything else to wrangler", () => {
    expect(devArgs(["--port", "9000", "--persist-to", "s"], {})).toEqual({ port: 9000, rest: ["--persist-to", "s"] });
    expect(devArgs(["--port=9001"], { PORT: "9100" })).toEqual({ port: 9001, rest: [] });
    expect(devArgs([], { PORT: " 9100 " })).toEqual({ port: 9100, rest: [] });
    expect(devArgs([], {})).toEqual({ port: DEFAULT_DEV_PORT, rest: [] });
    expect(devArgs([], { PORT: "" })).toEqual({ port: DEFAULT_DEV_PORT, rest: [] });
  });

  it("refuses a port that is not a port number", () => {
    for (const bad of ["abc", "0", "65536", "80.5", "-1"]) expect(() => devArgs(["--port", bad], {}), bad).toThrow(/port number/);
    expect(() => devArgs(["--port"], {})).toThrow(/needs a value/);
  });
});
