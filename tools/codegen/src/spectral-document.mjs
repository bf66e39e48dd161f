// @ts-check
// The document Spectral lints, read the way the spectral CLI reads it, without parsing a large JSON file as YAML
// when that cannot change anything.
import spectralCore from "@stoplight/spectral-core";
import Parsers from "@stoplight/spectral-parsers";

const { Document } = spectralCore;

/** @typedef {Parameters<typeof Parsers.Yaml.getLocationForJsonPath>[1]} JsonPath */
/** @typedef {typeof Document.DEFAULT_RANGE} Range */

/**
 * Whether `text` is exactly what `JSON.stringify(data, null, 2)` writes (the bundle step's output), with at
 * most trailing white space. Then the YAML parser the spectral CLI uses reads the same values in the same key
 * order as `JSON.parse` (JSON.stringify writes integer-like keys first, in the order JSON.parse gives them) and
 * reports nothing: no duplicate keys, no syntax errors. A `<<` key is excluded: YAML merges it.
 * @param {string} text
 * @param {unknown} data `JSON.parse(text)`
 */
export function isCanonicalJson(text, data) {
  return !text.includes('"<<"') && JSON.stringify(data, null, 2) === text.trimEnd();
}

/**
 * The place of `path` in `text` as the YAML parser gives it, parsing `text` on the first call (`yaml` keeps
 * the parse): Spectral asks for it for each problem a rule reports, before an override may turn the problem
 * off, and a clean spec has a few of those.
 * @param {{ text: string, parse?: ReturnType<typeof Parsers.Yaml.parse> }} yaml
 * @param {JsonPath} path
 * @param {boolean | undefined} closest
 * @returns {ReturnType<typeof Parsers.Yaml.getLocationForJsonPath>}
 */
function yamlLocation(yaml, path, closest) {
  yaml.parse ??= Parsers.Yaml.parse(yaml.text);
  return Parsers.Yaml.getLocationForJsonPath(yaml.parse, path, closest);
}

/**
 * A parser for canonical JSON ({@link isCanonicalJson}): the values come from `JSON.parse`; the YAML parse,
 * which only gives a finding its line and column, runs when a finding's range is first read (never on a clean
 * spec). A range Spectral asks for is a lazy one: its `start` and `end` are those of the YAML parse, or
 * Spectral's default range where the YAML parse has none (as `Document.getRangeForJsonPath` would give).
 * @param {unknown} data `JSON.parse` of the text the parser is given
 * @returns {import("@stoplight/spectral-parsers").IParser<any>}
 */
function canonicalJsonParser(data) {
  /** @type {{ text: string, parse?: ReturnType<typeof Parsers.Yaml.parse> }} */
  const yaml = { text: "" };
  return {
    parse(input) {
      yaml.text = input;
      return { data, diagnostics: [], ast: null, lineMap: null };
    },
    getLocationForJsonPath: (_result, path, closest) => {
      /** @type {Range | undefined} */
      let range;
      const real = () => {
        range ??= yamlLocation(yaml, path, closest)?.range ?? Document.DEFAULT_RANGE;
        return range;
      };
      return {
        range: {
          get start() {
            return real().start;
          },
          get end() {
            return real().end;
          },
        },
      };
    },
    trapAccess: Parsers.Yaml.trapAccess,
  };
}

/**
 * The Spectral document of a file's text, as `spectral lint` makes it (YAML parser, the file's path as source),
 * parsed with `JSON.parse` when the text is canonical JSON (`plain`: its objects are plain JSON objects).
 * @param {string} file absolute path
 * @param {string} text
 * @returns {{ document: InstanceType<typeof Document<any, any>>, plain: boolean }}
 */
export function spectralDocument(file, text) {
  if (file.endsWith(".json")) {
    try {
      const data = JSON.parse(text);
      if (isCanonicalJson(text, data))
        return { document: new Document(text, canonicalJsonParser(data), file), plain: true };
    } catch {
      // not JSON after all: the YAML parser reports what is wrong with it
    }
  }
  return { document: new Document(text, Parsers.Yaml, file), plain: false };
}
