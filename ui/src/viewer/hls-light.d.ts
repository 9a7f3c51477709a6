// hls.js ships its "light" build (no subtitles, alternate audio, DRM or CMCD; the SEI user-data
// path the viewer needs is in it) without a type declaration: it has the full build's API.
declare module "hls.js/light" {
  export * from "hls.js";
  export { default } from "hls.js";
}
