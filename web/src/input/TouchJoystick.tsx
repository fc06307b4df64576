import { useEffect, useRef, useState, type PointerEvent } from "react";
import type { JoystickState } from "./joystick-state.ts";

/** Knob travel radius (px): a comfortable thumb movement on a phone. */
const RADIUS_PX = 48;

/**
 * An on-screen joystick for touch devices: shown when the primary pointer is coarse or once the screen is touched.
 * Writes its deflection into `state`, which the game loop samples every step.
 */
export function TouchJoystick({ state }: { state: JoystickState }) {
  const [visible, setVisible] = useState(() => window.matchMedia?.("(pointer: coarse)").matches ?? false);
  const [knob, setKnob] = useState({ x: 0, y: 0 });
  const base = useRef<HTMLDivElement>(null);
  const activePointer = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (visible) return;
    const onTouch = () => setVisible(true);
    window.addEventListener("touchstart", onTouch, { once: true, passive: true });
    return () => window.removeEventListener("touchstart", onTouch);
  }, [visible]);

  useEffect(() => () => state.release(), [state]);

  if (!visible) return null;

  const move = (event: PointerEvent<HTMLDivElement>) => {
    if (activePointer.current !== event.pointerId || !base.current) return;
    const rect = base.current.getBoundingClientRect();
    let dx = event.clientX - (rect.left + rect.width / 2);
    let dy = event.clientY - (rect.top + rect.height / 2);
    const length = Math.hypot(dx, dy);
    if (length > RADIUS_PX) {
      dx = (dx / length) * RADIUS_PX;
      dy = (dy / length) * RADIUS_PX;
    }
    state.x = dx / RADIUS_PX;
    state.y = -dy / RADIUS_PX;
    setKnob({ x: dx, y: dy });
  };
  const end = (event: PointerEvent<HTMLDivElement>) => {
    if (activePointer.current !== event.pointerId) return;
    activePointer.current = undefined;
    state.release();
    setKnob({ x: 0, y: 0 });
  };

  return (
    <div
      ref={base}
      className="joystick"
      data-testid="joystick"
      onPointerDown={(event) => {
        activePointer.current = event.pointerId;
        event.currentTarget.setPointerCapture(event.pointerId);
        move(event);
      }}
      onPointerMove={move}
      onPointerUp={end}
      onPointerCancel={end}
    >
      <div className="joystick-knob" style={{ transform: `translate(${knob.x}px, ${knob.y}px)` }} />
    </div>
  );
}
