// Lantern Hub's pages: sign in with a token, then the page the hash names, as the role allows.
import { useMemo, useState } from "react";
import { Hub } from "./api";
import { forbidden, needsSignIn } from "./errors";
import { useResource } from "./hooks";
import { Browse } from "./pages/Browse";
import { PackagePage } from "./pages/PackagePage";
import { Review } from "./pages/Review";
import { SignIn } from "./pages/SignIn";
import { Tokens } from "./pages/Tokens";
import { Upload } from "./pages/Upload";
import { ErrorText, Loading } from "./parts/bits";
import { Header } from "./parts/Header";
import { mayOpen } from "./roles";
import { type Route, useRoute } from "./routes";
import { SessionContext, loadToken, saveToken } from "./session";
import type { Me } from "./types";

/** The page for `route`, or why the role cannot see it. */
export function Page({ route, me }: { route: Route; me: Me }) {
  if (!mayOpen(route, me.role)) {
    return (
      <main className="hub-page">
        <p role="alert" className="error">
          {forbidden(me.role)}
        </p>
        <p>
          <a href="#/">Browse the effects</a>
        </p>
      </main>
    );
  }
  switch (route.page) {
    case "browse":
      return <Browse q={route.q} offset={route.offset} />;
    case "package":
      return <PackagePage key={route.name} name={route.name} version={route.version} />;
    case "review":
      return <Review />;
    case "upload":
      return <Upload />;
    case "tokens":
      return <Tokens />;
    case "notFound":
      return (
        <main className="hub-page">
          <p role="alert">There is no page here. <a href="#/">Browse the effects</a>.</p>
        </main>
      );
  }
}

function SignedIn({ token, onToken }: { token: string; onToken: (token: string) => void }) {
  const hub = useMemo(() => new Hub(token), [token]);
  const me = useResource(token, (signal) => hub.me(signal));
  const route = useRoute();
  const session = useMemo(() => (me.data ? { hub, me: me.data } : null), [hub, me.data]);
  if (me.error && needsSignIn(me.error)) return <SignIn onSignIn={onToken} error={me.error} />;
  if (!session) {
    return (
      <main className="hub-page">
        {me.error ? <ErrorText error={me.error} /> : <Loading what="your account" />}
        {me.error != null && (
          <div className="row">
            <button onClick={me.reload}>Try again</button>
            <button onClick={() => onToken("")}>Sign out</button>
          </div>
        )}
      </main>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Header me={session.me} route={route} onSignOut={() => onToken("")} />
      <Page route={route} me={session.me} />
    </SessionContext.Provider>
  );
}

export function App() {
  const [token, setToken] = useState(() => loadToken());
  const change = (next: string) => {
    saveToken(next);
    setToken(next.trim());
  };
  if (!token) return <SignIn onSignIn={change} />;
  return <SignedIn key={token} token={token} onToken={change} />;
}
