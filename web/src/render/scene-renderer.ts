import * as THREE from "three";
import { AvatarLayer } from "./avatar-layer.ts";
import { FollowCamera } from "./follow-camera.ts";
import { createGround } from "./ground.ts";
import type { Scenery } from "@edgehold/sim-core";
import { chooseRenderQuality, type QualityPreference } from "./render-quality.ts";
import { edgeScenery } from "./edge-scenery.ts";
import { SceneryLayer } from "./scenery-layer.ts";
import { HORIZON, SkyAndSun } from "./sky-and-sun.ts";
import type { WorldView } from "./world-view.ts";

/** Fog (m from the camera) of a room where everyone receives everything: the far edge of a 128 m room fades out. */
const DEFAULT_FOG_NEAR = 45;
const DEFAULT_FOG_FAR = 110;
/**
 * The edge's trees are drawn within this many m of you: the follow camera shows ~±13 m (±25 m along its diagonal),
 * so 40 m draws every tree that can be on screen and none of the ~800 around the rest of a 128 m world.
 */
const EDGE_SCENERY_RADIUS = 40;
/** With an interest radius R, fog starts at this fraction of R and is whole at R (where avatars enter your view). */
const FOG_NEAR_FRACTION = 0.45;

/** Frees every mesh's geometry, materials and their textures under `root`. */
function disposeTree(root: THREE.Object3D): void {
  root.traverse((object) => {
    if (object instanceof THREE.Mesh || object instanceof THREE.Line) {
      object.geometry.dispose();
      const materials: THREE.Material[] = Array.isArray(object.material) ? object.material : [object.material];
      for (const material of materials) {
        if ("map" in material && material.map instanceof THREE.Texture) material.map.dispose();
        material.dispose();
      }
    }
  });
}

/**
 * The Three.js view of a room: ground, grid and bounds, one avatar per entity, a camera following your own.
 * Draws whatever `view` holds when `frame(now)` is called; imports no network code. Resizes with its container.
 */
export class SceneRenderer {
  private readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly followCamera = new FollowCamera();
  private readonly avatars: AvatarLayer;
  private readonly resizeObserver: ResizeObserver;
  private lastFrameAt: number | undefined;
  private ground: THREE.Group;
  private scenery: SceneryLayer | undefined;
  /** Trees beyond the edge of a world without scenery of its own (edge-scenery.ts). */
  private edge: SceneryLayer | undefined;
  private readonly sky: SkyAndSun;
  private readonly shadows: boolean;
  private readonly anisotropy: number;
  /** The frame rate this device's render quality asks the loop to stay under (undefined: the display's). */
  readonly maxFps: number | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly view: WorldView,
    quality: QualityPreference = "auto",
  ) {
    const { antialias, maxPixelRatio, anisotropic, maxFps, shadows } = chooseRenderQuality(quality);
    this.shadows = shadows;
    this.maxFps = maxFps;
    this.renderer = new THREE.WebGLRenderer({ antialias, powerPreference: "high-performance" });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio, maxPixelRatio));
    this.renderer.domElement.className = "scene-canvas";
    this.renderer.domElement.dataset.testid = "scene";
    if (shadows) {
      this.renderer.shadowMap.enabled = true;
      this.renderer.shadowMap.type = THREE.PCFSoftShadowMap;
    }
    container.appendChild(this.renderer.domElement);

    this.scene.background = new THREE.Color(HORIZON);
    this.scene.fog = new THREE.Fog(HORIZON, DEFAULT_FOG_NEAR, DEFAULT_FOG_FAR);
    this.sky = new SkyAndSun(shadows);
    this.scene.add(this.sky.root);
    this.anisotropy = anisotropic ? this.renderer.capabilities.getMaxAnisotropy() : 1;
    this.ground = createGround(view.halfExtent, this.anisotropy, shadows);
    this.scene.add(this.ground);
    this.avatars = new AvatarLayer(this.renderer);
    this.scene.add(this.avatars.root);

    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(container);
    this.resize();
  }

  /** The canvas the scene is drawn on (pointer input over the scene listens here). */
  get canvas(): HTMLCanvasElement {
    return this.renderer.domElement;
  }

  /** The camera of the last frame (for picking what is under the pointer). */
  get camera(): THREE.Camera {
    return this.followCamera.camera;
  }

  /** The WebGL renderer (a feature layer that uploads textures of its own, e.g. a label atlas, needs it). */
  get webgl(): THREE.WebGLRenderer {
    return this.renderer;
  }

  /** Adds a feature's render layer to the scene; `dispose()` frees it with the rest. */
  addLayer(object: THREE.Object3D): void {
    this.scene.add(object);
  }

  /**
   * The room's world, once its welcome says what it is: the ground sized to it (tinted in patches where it has
   * scenery), its scenery (each kind one instanced mesh, drawn within the interest radius), and, with an interest
   * radius, fog that is whole at that radius, so an avatar entering your view (at the radius) fades in out of the
   * fog rather than popping up.
   */
  setWorld(halfExtent: number, interestRadius: number | undefined, scenery: Scenery | undefined): void {
    this.scene.remove(this.ground);
    disposeTree(this.ground);
    this.ground = createGround(halfExtent, this.anisotropy, this.shadows);
    this.scene.add(this.ground);
    for (const layer of [this.scenery, this.edge]) {
      if (!layer) continue;
      this.scene.remove(layer.root);
      layer.dispose();
    }
    const fog = this.scene.fog as THREE.Fog;
    [fog.near, fog.far] = interestRadius === undefined ? [DEFAULT_FOG_NEAR, DEFAULT_FOG_FAR] : [interestRadius * FOG_NEAR_FRACTION, interestRadius];
    this.scenery = scenery ? new SceneryLayer(scenery, interestRadius ?? DEFAULT_FOG_FAR) : undefined;
    this.edge = scenery ? undefined : new SceneryLayer(edgeScenery(halfExtent), EDGE_SCENERY_RADIUS);
    for (const layer of [this.scenery, this.edge]) if (layer) this.scene.add(layer.root);
  }

  /** How many scenery instances each kind draws now (tree, rock, stone); empty without scenery. */
  sceneryDrawn(): number[] {
    return this.scenery?.drawnCounts() ?? [];
  }

  /** What the last frame drew (the frame-cost script prints it). */
  drawnLastFrame(): { calls: number; triangles: number; objects: number } {
    let objects = 0;
    this.scene.traverse(() => objects++);
    const { calls, triangles } = this.renderer.info.render;
    return { calls, triangles, objects };
  }

  /** Draws one frame of the current view at local time `now` (ms). */
  frame(now: number): void {
    const elapsed = this.lastFrameAt === undefined ? 0 : now - this.lastFrameAt;
    this.lastFrameAt = now;
    const self = this.avatars.sync(this.view, this.followCamera.camera.quaternion, now);
    this.followCamera.follow(self?.x ?? 0, self?.y ?? 0, elapsed);
    this.scenery?.update(self?.x ?? 0, self?.y ?? 0);
    this.edge?.update(self?.x ?? 0, self?.y ?? 0);
    this.sky.follow(this.followCamera.camera.position, self?.x ?? 0, -(self?.y ?? 0));
    this.renderer.render(this.scene, this.followCamera.camera);
  }

  dispose(): void {
    this.resizeObserver.disconnect();
    this.avatars.dispose();
    this.scenery?.dispose();
    this.edge?.dispose();
    this.sky.dispose();
    disposeTree(this.scene);
    this.scene.clear();
    this.renderer.dispose();
    // Browsers cap live WebGL contexts (~16): give this one back now rather than at garbage collection.
    this.renderer.forceContextLoss();
    this.renderer.domElement.remove();
  }

  private resize(): void {
    const width = Math.max(1, this.container.clientWidth);
    const height = Math.max(1, this.container.clientHeight);
    this.renderer.setSize(width, height, false);
    this.followCamera.resize(width, height);
  }
}
