// A small W3C WebDriver client over fetch, for the real-app test (tauri-driver speaks the
// standard protocol; no client library needed). Element lookups take an XPath when the selector
// starts with "/" or "(", else a CSS selector. Every wait has a deadline.

const ELEMENT = "element-6066-11e4-a6e7-4a0c4b8b5e7b";

export class WebDriver {
  constructor(base) {
    this.base = base;
    this.session = null;
  }

  async call(method, path, body) {
    const r = await fetch(`${this.base}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json();
    if (json.value?.error) throw new Error(`${method} ${path}: ${json.value.error}: ${json.value.message}`);
    return json.value;
  }

  s(path) {
    return `/session/${this.session}${path}`;
  }

  status() {
    return this.call("GET", "/status");
  }

  async start(capabilities) {
    const v = await this.call("POST", "/session", { capabilities: { alwaysMatch: capabilities } });
    this.session = v.sessionId;
    return this.session;
  }

  quit() {
    return this.session ? this.call("DELETE", this.s("")) : Promise.resolve();
  }

  async find(using, value) {
    const v = await this.call("POST", this.s("/element"), { using, value });
    return v[ELEMENT] ?? v.ELEMENT ?? Object.values(v)[0];
  }

  /** The element for `selector` (XPath or CSS), waiting for it to exist. */
  async el(selector, ms = 30000) {
    const using = selector.startsWith("/") || selector.startsWith("(") ? "xpath" : "css selector";
    const end = Date.now() + ms;
    for (;;) {
      try {
        return await this.find(using, selector);
      } catch (e) {
        if (Date.now() > end) throw new Error(`no element ${selector}: ${e.message}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  async click(selector) {
    const id = await this.el(selector);
    await this.call("POST", this.s(`/element/${id}/click`), {});
  }

  /** Replace the text of an input. */
  async type(id, text) {
    await this.call("POST", this.s(`/element/${id}/clear`), {});
    return this.call("POST", this.s(`/element/${id}/value`), { text });
  }

  /** Send keys to an input as typed (nothing cleared first; "\uE009" is Control, "\uE000" releases it). */
  keys(id, text) {
    return this.call("POST", this.s(`/element/${id}/value`), { text });
  }

  /**
   * Insert `text` at the end of the script editor (CodeMirror), or at the start of its last line
   * with `atLineStart`. WebKitWebDriver cannot send keys to a contenteditable, so the page's own
   * editing command inserts it (a `keydown` is dispatched first for the latency probe).
   */
  editorInsert(text, atLineStart = false) {
    return this.exec(`const [text, atLineStart] = arguments;
      const content = document.querySelector(".cm-content");
      content.focus();
      const line = [...content.querySelectorAll(".cm-line")].pop();
      const range = document.createRange();
      range.selectNodeContents(line);
      range.collapse(atLineStart);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      for (const ch of text) {
        content.dispatchEvent(new KeyboardEvent("keydown", { key: ch, bubbles: true }));
        document.execCommand(ch === "\\n" ? "insertParagraph" : "insertText", false, ch);
      }
      return true;`, [text, atLineStart]);
  }

  exec(script, args = []) {
    return this.call("POST", this.s("/execute/sync"), { script, args });
  }

  /** Choose `value` in the <select> labelled `label` (the last one on the page with that label). */
  async pick(label, value) {
    await this.click(`(//select[@aria-label='${label}'])[last()]/option[@value='${value}']`);
  }

  waitCss(css, ms = 30000) {
    return this.el(css, ms);
  }

  /** Wait until the page shows `text` somewhere. */
  async waitText(text, ms = 30000) {
    const end = Date.now() + ms;
    while (!(await this.exec("return document.body.innerText.includes(arguments[0])", [text]))) {
      if (Date.now() > end) {
        const shown = await this.exec("return document.body.innerText").catch(() => "?");
        throw new Error(`the page never showed "${text}"; it shows:\n${String(shown).slice(0, 1500)}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** The window as a PNG. */
  async screenshot() {
    return Buffer.from(await this.call("GET", this.s("/screenshot")), "base64");
  }
}
