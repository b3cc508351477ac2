// Preload for `node --import`: registers the resolve hook that logs which modules a run loads.
import { register } from "node:module";

register("./import-log-hooks.js", import.meta.url);
