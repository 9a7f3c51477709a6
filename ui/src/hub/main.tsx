// Entry point of hub.html, the Hub's web pages (served by lantern-hub at /).
import { createRoot } from "react-dom/client";
import { App } from "./App";
import "../styles.css";
import "./hub.css";

const root = document.getElementById("root");
if (root) createRoot(root).render(<App />);
