/** Draws a name tag (rounded pill, colour dot, name) filling a `width`×`height` canvas area at (x, y). */
export function drawNameLabel(
  context: CanvasRenderingContext2D,
  area: { x: number; y: number; width: number; height: number },
  name: string,
  color: string,
  self: boolean,
): void {
  const { x, y, width, height } = area;
  context.clearRect(x, y, width, height);
  context.font = `${self ? "bold " : ""}${Math.round(height * 0.56)}px system-ui, sans-serif`;
  context.textAlign = "center";
  context.textBaseline = "middle";
  const text = name.length > 18 ? `${name.slice(0, 17)}…` : name;
  const dot = height * 0.2;
  const pill = Math.min(width - 4, context.measureText(text).width + dot * 2 + height * 0.5);
  const left = x + (width - pill) / 2;
  context.fillStyle = self ? "rgba(255, 209, 102, 0.95)" : "rgba(15, 20, 25, 0.72)";
  context.beginPath();
  context.roundRect(left, y + height * 0.1, pill, height * 0.8, height * 0.3);
  context.fill();
  context.fillStyle = color;
  context.beginPath();
  context.arc(left + height * 0.3, y + height / 2, dot / 2, 0, Math.PI * 2);
  context.fill();
  context.fillStyle = self ? "#1b1b1b" : "#ffffff";
  context.fillText(text, x + width / 2 + dot / 2, y + height / 2 + 1, pill - dot * 2);
}
