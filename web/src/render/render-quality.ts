/**
 * How much rendering this device can afford. A software rasteriser (SwiftShader, llvmpipe: what a browser falls
 * back to without a usable GPU, and what headless CI runs) spends every core on pixels; measured on a 2-core box,
 * a 1280×720 canvas ran at 15 fps with multisampling, 30 fps at 0.75 px/px without, and 60 fps at 0.5 — while
 * starving everything else on the machine. So software rendering drops multisampling and anisotropic filtering,
 * draws at half resolution and at most 30 fps, unless the player asks otherwise (`?quality=high|low` on the URL).
 */
export interface RenderQuality {
  antialias: boolean;
  maxPixelRatio: number;
  /** Anisotropic filtering of the ground grid: sharp lines to the horizon, but many texture reads per pixel. */
  anisotropic: boolean;
  /** Frames per second to draw at most; undefined = the display's rate. */
  maxFps: number | undefined;
  /** Soft sun shadows (a shadow map pass): a GPU's easy work, a software rasteriser's second scene to fill. */
  shadows: boolean;
}

export type QualityPreference = "auto" | "high" | "low";

/** Device pixel ratio cap on a real GPU: 2× is sharp on every phone; 3× would more than double fill cost. */
const HIGH: RenderQuality = { antialias: true, maxPixelRatio: 2, anisotropic: true, maxFps: undefined, shadows: true };
/**
 * 30 fps: a software rasteriser manages 15–30 fps for this scene on two cores anyway, unevenly; a steady 30 looks
 * smoother and leaves the CPU some slack for the page, the socket and everything else on the machine.
 */
const LOW: RenderQuality = { antialias: false, maxPixelRatio: 0.5, anisotropic: false, maxFps: 30, shadows: false };
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software/i;

export function parseQualityPreference(search: string): QualityPreference {
  const value = new URLSearchParams(search).get("quality");
  return value === "high" || value === "low" ? value : "auto";
}

export function chooseRenderQuality(preference: QualityPreference): RenderQuality {
  if (preference === "high") return HIGH;
  if (preference === "low") return LOW;
  return SOFTWARE_RENDERERS.test(rendererName() ?? "") ? LOW : HIGH;
}

/** The WebGL renderer string, from a throwaway context that is released at once. */
function rendererName(): string | undefined {
  const canvas = document.createElement("canvas");
  const gl = canvas.getContext("webgl2") ?? canvas.getContext("webgl");
  if (!gl) return undefined;
  try {
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    const name: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
    return typeof name === "string" ? name : undefined;
  } finally {
    gl.getExtension("WEBGL_lose_context")?.loseContext();
  }
}
