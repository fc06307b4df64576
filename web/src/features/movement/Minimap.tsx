/** The minimap's frame and canvas; MinimapController draws into the canvas (a few times a second, not by React). */
export function Minimap({ attach }: { attach: (canvas: HTMLCanvasElement | null) => void }) {
  return (
    <div className="minimap" data-testid="minimap">
      <canvas ref={attach} className="minimap-canvas" aria-label="Map of the room: you and the players you see" />
    </div>
  );
}
