// @ts-check
// Where the project's Spectral ruleset is.
import { join } from "node:path";
import { specDir } from "@allmhub/spec-model";

/** The project ruleset, spec/.spectral.mjs. */
export const projectRuleset = () => join(specDir(), ".spectral.mjs");
