import { CONTROLS } from "./controls.ts";

/** The controls as a definition list: the lobby's card and the room's first-visit hint. */
export function ControlsList() {
  return (
    <dl className="controls-list" data-testid="controls-list">
      {CONTROLS.map((row) => (
        <div key={row.action} className="controls-row" data-testid={`control-${row.action}`}>
          <dt>{row.action}</dt>
          <dd>
            {row.keys.map((key) => (
              <kbd key={key}>{key}</kbd>
            ))}{" "}
            <span className="muted">{row.detail}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
