import { discardRecovery, restoreRecovery } from "../store/actions";
import { store, useStudio } from "../store/store";

/** Offers the edits autosaved after the last save (the Studio was closed or crashed). */
export function RecoveryBanner() {
  const recovery = useStudio((s) => s.recovery);
  if (!recovery) return null;
  const when = new Date(recovery.savedAtMs).toLocaleString();
  return (
    <div className="banner" role="alert">
      <span>This project has unsaved changes from {when}. Restore them?</span>
      <button className="primary" onClick={() => restoreRecovery(store)}>
        Restore
      </button>
      <button onClick={() => discardRecovery(store)}>Discard</button>
    </div>
  );
}
