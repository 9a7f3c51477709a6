// What the store knows of publishing to Lantern Hub: the last upload of this project and where its
// version is in review (the dialog's and the toolbar's state, not the document).
import type { HubVersion } from "../generated/ipc";

export interface PublishState {
  /** Nothing published yet; the upload under way; uploaded (see `version`); the upload failed (see `error`). */
  phase: "idle" | "publishing" | "published" | "failed";
  /** Why the upload failed: a sentence, then one problem a line for a package the hub refused. */
  error: string | null;
  /** The error's code ("hub", "invalid", …), for a tooltip. */
  errorCode: string | null;
  /** The version uploaded, as the hub last reported it. */
  version: HubVersion | null;
  /** Its status is being read again every few seconds. */
  polling: boolean;
  /** Why the status stopped being read before it was final (the hub unreachable, a long wait). */
  pollMessage: string | null;
  /** When the status was last read (`Date.now()` ms). */
  checkedAt: number | null;
}

export const initialPublish: PublishState = { phase: "idle", error: null, errorCode: null, version: null, polling: false, pollMessage: null, checkedAt: null };
