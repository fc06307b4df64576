import { useState, type FormEvent } from "react";
import { ApiRequestError } from "../app/api-answer.ts";
import { checkToken } from "./admin-api.ts";

/** Asks for the admin token and keeps it only once the server accepts it. */
export function TokenForm({ problem, onToken }: { problem: string | undefined; onToken: (token: string) => void }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | undefined>(problem);
  const [checking, setChecking] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = token.trim();
    if (!trimmed) return;
    setChecking(true);
    try {
      await checkToken(trimmed);
      onToken(trimmed);
    } catch (failure) {
      setError(failure instanceof ApiRequestError && failure.code === "admin_not_configured" ? "This server has no ADMIN_TOKEN set: the admin API is off." : failure instanceof Error ? failure.message : String(failure));
      setChecking(false);
    }
  };

  return (
    <form className="card token-form" onSubmit={(e) => void submit(e)} data-testid="admin-token-form">
      <label className="field">
        Admin token
        <input type="password" autoComplete="current-password" data-testid="admin-token" value={token} onChange={(e) => setToken(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={checking || token.trim() === ""}>
        Open the monitor
      </button>
      {error && (
        <p className="error" data-testid="admin-token-error">
          {error}
        </p>
      )}
    </form>
  );
}
