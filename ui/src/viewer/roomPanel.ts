// The room's side panel in viewer.html (#room-panel, shown only with `?room=ID`): the connection,
// viewer and like counts, the Like button, the room's gifts and its chat. Everything from the hub
// (nicknames, chat, gift names) is set with textContent: chat is anyone's text, never markup.

import type { ConnectionState, RoomClient } from "./room";
import type { ChatLine, Gift, RoomInfo } from "./roomWire";

/** Chat lines kept on the page. */
export const CHAT_LINES = 50;
const ERROR_MS = 4000;
const HEART_MS = 1000;

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`viewer.html lacks #${id}`);
  return el as T;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

export class RoomPanel {
  private readonly panel = byId("room-panel");
  private readonly name = byId("room-name");
  private readonly state = byId("room-state");
  private readonly viewers = byId("viewers");
  private readonly likesTotal = byId("likes-total");
  private readonly like = byId<HTMLButtonElement>("like");
  private readonly hearts = byId("hearts");
  private readonly gifts = byId("gifts");
  private readonly chatList = byId("chat-list");
  private readonly chatForm = byId<HTMLFormElement>("chat-form");
  private readonly chatInput = byId<HTMLInputElement>("chat-input");
  private readonly chatError = byId("chat-error");
  private live = false;
  private connection: ConnectionState = "closed";
  private giftIds = "";
  private errorTimer = 0;

  constructor(private readonly client: RoomClient) {
    this.panel.hidden = false;
    document.body.classList.add("in-room");
    client.on("welcome", (w) => {
      this.setRoom(w.room);
      // A welcome comes with each connection: its recent lines replace what is shown.
      this.chatList.replaceChildren();
      this.addChat(w.chat);
    });
    client.on("room", (r) => {
      this.viewers.textContent = String(r.viewers);
      this.likesTotal.textContent = String(r.likesTotal);
      this.live = r.live;
      this.addChat(r.chat);
      this.showState();
    });
    client.on("state", (s) => {
      this.connection = s;
      this.showState();
    });
    client.on("error", (e) => this.showError(e.message));
    this.like.addEventListener("click", () => {
      client.like(1);
      this.floatHeart();
    });
    this.gifts.addEventListener("click", (e) => {
      const button = (e.target as Element).closest<HTMLButtonElement>("button[data-gift]");
      if (button?.dataset.gift) client.gift(button.dataset.gift).catch((err: Error) => this.showError(err.message));
    });
    this.chatForm.addEventListener("submit", (e) => {
      e.preventDefault();
      this.sendChat();
    });
  }

  /** Before the socket is up: "Joining…", or why joining failed. */
  setStatus(text: string, state: string): void {
    this.state.textContent = text;
    this.state.dataset.state = state;
  }

  setRoom(room: RoomInfo): void {
    this.name.textContent = room.name;
    this.viewers.textContent = String(room.viewers);
    this.likesTotal.textContent = String(room.likesTotal);
    this.live = room.live;
    this.setGifts(room.gifts);
    this.showState();
  }

  private showState(): void {
    const text: Record<ConnectionState, string> = {
      connecting: "Connecting…",
      open: this.live ? "● Live" : "Waiting for the host",
      closed: "Connection lost: reconnecting…",
    };
    this.setStatus(text[this.connection], this.connection);
    this.state.classList.toggle("live", this.connection === "open" && this.live);
  }

  private setGifts(gifts: readonly Gift[]): void {
    const ids = gifts.map((g) => `${g.id}:${g.name}:${g.price}`).join("\n");
    if (ids === this.giftIds) return;
    this.giftIds = ids;
    this.gifts.replaceChildren(
      ...gifts.map((gift) => {
        const button = el("button", "gift", "");
        button.type = "button";
        button.dataset.gift = gift.id;
        button.title = `Send ${gift.name}`;
        button.append(el("span", "gift-name", gift.name), el("span", "gift-price", `${gift.price} ${gift.price === 1 ? "coin" : "coins"}`));
        return button;
      }),
    );
  }

  private addChat(lines: readonly ChatLine[]): void {
    for (const line of lines) {
      const li = el("li", line.gift ? "line gift" : "line", "");
      if (line.gift) li.dataset.gift = line.gift;
      li.append(el("span", "nick", line.nick), el("span", "text", line.text));
      this.chatList.append(li);
    }
    while (this.chatList.childElementCount > CHAT_LINES) this.chatList.firstElementChild?.remove();
    if (lines.length > 0) this.chatList.scrollTop = this.chatList.scrollHeight;
  }

  private sendChat(): void {
    const text = this.chatInput.value;
    if (!text.trim()) return;
    this.client.chat(text).then(
      () => {
        // Cleared once the hub took it (kept on a refusal, to send again); not if already retyped.
        if (this.chatInput.value === text) this.chatInput.value = "";
        this.chatError.hidden = true;
      },
      (err: Error) => this.showError(err.message),
    );
  }

  private showError(message: string): void {
    this.chatError.textContent = message;
    this.chatError.hidden = false;
    window.clearTimeout(this.errorTimer);
    this.errorTimer = window.setTimeout(() => {
      this.chatError.hidden = true;
    }, ERROR_MS);
  }

  /** A heart rising from the Like button (removed by a timer: reduced motion skips the animation). */
  private floatHeart(): void {
    const heart = el("span", "heart", "♥");
    heart.style.left = `${20 + Math.random() * 60}%`;
    this.hearts.append(heart);
    window.setTimeout(() => heart.remove(), HEART_MS);
  }
}
