import { createRoot } from "react-dom/client";
import { App } from "./App";
import { store } from "./store/store";
import "./styles.css";

// Errors outside React (a failed promise nobody awaited) still reach the person, readably.
window.addEventListener("unhandledrejection", (e) => store.notifyError(e.reason));
window.addEventListener("error", (e) => store.notifyError(e.error ?? e.message));

const root = document.getElementById("root");
if (root) createRoot(root).render(<App />);
