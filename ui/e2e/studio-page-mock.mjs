// The script injected into the page before the Studio loads: Tauri's own IPC mock
// (@tauri-apps/api/mocks: mockIPC + mockWindows) forwarding every call to the test's backend.
// The live preview's frame channel is kept in the page (window.__previewChannel) for the test to
// push binary frames into, as Tauri delivers them: an ArrayBuffer per message; while live, the
// push's event channel too (window.__liveEvents). The newest acknowledged frame is kept in
// window.__previewAcked, for a test that paces frames as the Rust side does.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

export function pageMockScript() {
  const mocks = readFileSync(join(dirname(require.resolve("@tauri-apps/api/package.json")), "mocks.js"), "utf8").replace(/^export \{[^}]*\};?\s*$/m, "");
  return `${mocks}
mockWindows("main");
mockIPC(async (cmd, args) => {
  if (cmd === "start_preview") {
    // The frame channel stays in the page; the test pushes binary frames into it.
    window.__previewChannel = args.onFrame;
    args = { ...args, onFrame: \`__CHANNEL__:\${args.onFrame.id}\` };
  }
  if (cmd === "start_live") {
    // While live the push's frames come on their own channel, and status/stats on another.
    window.__previewChannel = args.onFrame;
    window.__liveEvents = args.onEvent;
    args = { ...args, onFrame: \`__CHANNEL__:\${args.onFrame.id}\`, onEvent: \`__CHANNEL__:\${args.onEvent.id}\` };
  }
  if (cmd === "preview_ack") window.__previewAcked = Math.max(window.__previewAcked ?? 0, args.seq);
  const answer = await window.__lanternBackend(cmd, args instanceof Uint8Array ? Array.from(args) : args);
  if (answer && typeof answer === "object" && "__ipcError" in answer) throw answer.__ipcError;
  if (cmd === "read_project_file" && Array.isArray(answer)) return new Uint8Array(answer).buffer;
  return answer;
}, { shouldMockEvents: true });
`;
}
