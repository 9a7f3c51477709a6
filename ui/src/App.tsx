import { useEffect } from "react";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { AssetLibrary } from "./components/AssetLibrary";
import { BottomPanel } from "./components/BottomPanel";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { ExportDialog } from "./components/ExportDialog";
import { Home } from "./components/Home";
import { Inspector } from "./components/Inspector";
import { LayersPanel } from "./components/LayersPanel";
import { NewProjectDialog } from "./components/NewProjectDialog";
import { Notices } from "./components/Notices";
import { Preview } from "./components/Preview";
import { PublishDialog } from "./components/PublishDialog";
import { PromptDialog } from "./components/PromptDialog";
import { RecoveryBanner } from "./components/RecoveryBanner";
import { Toolbar } from "./components/Toolbar";
import { watchGoLive } from "./preview/golive";
import { watchLive } from "./preview/live";
import { watchPublish } from "./publish/publish";
import { watchSound } from "./preview/sound";
import { save, watchAutosave } from "./store/actions";
import { watchDrops } from "./store/drops";
import { watchClose } from "./store/leave";
import { store, useStudio } from "./store/store";
import { inTauri } from "./tauriEvents";

function isTyping(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT");
}

/** Ctrl+S saves; Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and redo (outside text fields). */
function useShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.defaultPrevented) return;
      const k = e.key.toLowerCase();
      if (k === "s") {
        e.preventDefault();
        void save(store);
      } else if (!isTyping(e.target) && (k === "z" || k === "y")) {
        e.preventDefault();
        if (k === "y" || e.shiftKey) store.redo();
        else store.undo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

function Editor() {
  return (
    <div className="editor">
      <Toolbar />
      <RecoveryBanner />
      <div className="workspace">
        <div className="column left">
          <AssetLibrary />
          <LayersPanel />
        </div>
        <div className="column center">
          <Preview />
          <BottomPanel />
        </div>
        <Inspector />
      </div>
    </div>
  );
}

/** Lantern Studio: the home screen, or the editor of the open project. */
export function App() {
  const open = useStudio((s) => s.project !== null);
  const dialog = useStudio((s) => s.dialog);
  useShortcuts();
  useEffect(() => watchAutosave(store), []);
  useEffect(() => watchLive(store), []);
  useEffect(() => watchSound(store), []);
  useEffect(() => watchGoLive(store), []);
  useEffect(() => watchPublish(store), []);
  useEffect(() => {
    const win = inTauri(getCurrentWindow);
    return win ? watchClose(store, win) : undefined;
  }, []);
  useEffect(() => {
    const webview = inTauri(getCurrentWebview);
    return webview ? watchDrops(store, webview) : undefined;
  }, []);
  return (
    <ErrorBoundary>
      {open ? <Editor /> : <Home />}
      {dialog === "newProject" && <NewProjectDialog />}
      {dialog === "export" && open && <ExportDialog />}
      {dialog === "publish" && open && <PublishDialog />}
      <Notices />
      <PromptDialog />
    </ErrorBoundary>
  );
}
