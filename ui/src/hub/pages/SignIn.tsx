// Signing in: paste an API token. Without one nothing else can be shown, so the page says where
// tokens come from.
import { useState } from "react";
import { ErrorText } from "../parts/bits";

export function SignIn({ onSignIn, error }: { onSignIn: (token: string) => void; error?: unknown }) {
  const [token, setToken] = useState("");
  return (
    <main className="hub-page signin">
      <h1>Lantern Hub</h1>
      <p>The effect library: designers upload packages, reviewers approve them, hosts download them.</p>
      <p>
        Every page needs an API token. Ask an admin for one; they make it with{" "}
        <code>lantern hub token create --role host</code> (or <code>designer</code>, <code>reviewer</code>, <code>admin</code>).
      </p>
      <form
        className="panel"
        onSubmit={(e) => {
          e.preventDefault();
          if (token.trim()) onSignIn(token.trim());
        }}
      >
        <label className="field">
          <span>API token</span>
          <input type="password" autoComplete="off" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} required />
        </label>
        <p className="muted">The token is kept in this browser until you sign out.</p>
        <button type="submit" className="primary" disabled={!token.trim()}>
          Sign in
        </button>
      </form>
      <ErrorText error={error} />
    </main>
  );
}
