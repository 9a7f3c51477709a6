import { useEffect, useState } from "react";
import { describeError, engineInfo } from "./ipc";
import type { EngineInfo } from "./generated/ipc";

/** The Studio shell. The editor panels arrive with the Studio issue. */
export function App() {
  const [info, setInfo] = useState<EngineInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    engineInfo().then(setInfo, (e) => setError(describeError(e)));
  }, []);
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", padding: 24 }}>
      <h1>Lantern Studio</h1>
      {info && (
        <p data-testid="engine-info">
          engine {info.version} · models {info.modelsOk}/{info.modelsTotal}
        </p>
      )}
      {error && (
        <p role="alert" style={{ color: "#b00" }}>
          {error}
        </p>
      )}
    </main>
  );
}
