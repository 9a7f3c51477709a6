import { describe, expect, it } from "vitest";
import { cleanPath, parsePaths, withHome } from "./paths";

describe("typed and pasted paths", () => {
  it("take off quotes and file:// URLs as file managers copy them", () => {
    expect(cleanPath("  /home/me/hat.png ")).toBe("/home/me/hat.png");
    expect(cleanPath("'/home/me/my hat.png'")).toBe("/home/me/my hat.png");
    expect(cleanPath('"/home/me/x.png"')).toBe("/home/me/x.png");
    expect(cleanPath("file:///home/me/my%20hat.png")).toBe("/home/me/my hat.png");
    expect(cleanPath("file:///C:/Users/me/hat.png")).toBe("C:/Users/me/hat.png");
    expect(cleanPath("'")).toBe("'");
  });

  it("read one path a line where several are asked for, else the first", () => {
    const pasted = "file:///a/one.png\r\n\n  /a/two.png  \n";
    expect(parsePaths(pasted, true)).toEqual(["/a/one.png", "/a/two.png"]);
    expect(parsePaths(pasted, false)).toEqual(["/a/one.png"]);
    expect(parsePaths("  \n ", true)).toEqual([]);
  });

  it("put ~ in the home folder, asking for it only when needed", async () => {
    let asked = 0;
    const home = async () => (asked++, "/home/me/");
    expect(await withHome(["/x", "~/effects/a", "~"], home)).toEqual(["/x", "/home/me/effects/a", "/home/me"]);
    expect(await withHome(["/x", "~user/a"], home)).toEqual(["/x", "~user/a"]);
    expect(asked).toBe(1);
    expect(await withHome(["~/a"], () => Promise.reject(new Error("no home")))).toEqual(["~/a"]);
  });
});
