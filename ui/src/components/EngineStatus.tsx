import { useEffect, useState } from "react";
import type { EngineInfo } from "../generated/ipc";
import { describeError, engineInfo } from "../ipc";

/** The engine version and how many tracking models were found. */
export function EngineStatus() {
  const [info, setInfo] = useState<EngineInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    engineInfo().then(setInfo, (e) => setError(describeError(e)));
  }, []);
  if (error) return <p className="muted" role="status">Engine: {error}</p>;
  if (!info) return null;
  return (
    <p className="muted" data-testid="engine-info">
      engine {info.version} · models {info.modelsOk}/{info.modelsTotal}
    </p>
  );
}
