import { Link } from "react-router";

export function NotFoundPage() {
  return (
    <main className="page">
      <h1>Nothing here</h1>
      <p>
        Rooms live at <code>/rooms/&lt;code&gt;</code>. <Link to="/">Go to the lobby</Link>.
      </p>
    </main>
  );
}
