// @ts-check
// The doc comment of a generated method: what the operation does, its route, who serves it, where it is documented.

/**
 * One line per documentation site: how many pages describe the operation there, with a link to the first
 * page that has an address, instead of every page at length (the reference site lists them all).
 * @param {Array<{ site: string, title: string, url?: string }>} pages
 * @returns {string[]}
 */
export function documentationLines(pages) {
  /** @type {Map<string, Array<{ site: string, title: string, url?: string }>>} */
  const bySite = new Map();
  for (const page of pages) bySite.set(page.site, [...(bySite.get(page.site) ?? []), page]);
  return [...bySite].map(([site, list]) => {
    const linked = list.find((p) => p.url && !/^https?:\/\/[^/]+\/?$/.test(p.url)) ?? list.find((p) => p.url);
    const count = list.length === 1 ? "1 page" : `${list.length} pages`;
    return `- ${site} (${count})${linked ? `: ${linked.title} ${linked.url}` : `: ${list[0]?.title}`}`;
  });
}

/**
 * Which gateways serve the operation, from `x-gateways`.
 * @param {{ "new-api"?: boolean, sites?: string[], note?: string } | null} gateways
 * @returns {string[]}
 */
export function gatewayLines(gateways) {
  if (!gateways) return [];
  const sites = gateways.sites?.length ? gateways.sites.join(", ") : "";
  if (gateways["new-api"] === false && gateways.note) {
    return [`Not served by a stock new-api: ${gateways.note}${sites ? ` Documented by ${sites}.` : ""}`];
  }
  if (gateways["new-api"] === false) {
    return [
      `Not routed by a stock new-api (it answers 404): only gateways that add it serve it${sites ? `, such as those documented by ${sites}` : ""}.`,
    ];
  }
  return [`Routed by a stock new-api${sites ? `; documented by ${sites}` : ""}.`];
}

/** Escapes what would end a doc comment. */
export const commentText = (/** @type {string} */ s) => s.replace(/\*\//g, "*\\/");

/**
 * A doc comment block, indented.
 * @param {string[]} lines
 * @param {string} indent
 */
export function docComment(lines, indent = "  ") {
  return [
    `${indent}/**`,
    ...lines.map((l) => (l ? `${indent} * ${commentText(l)}` : `${indent} *`)),
    `${indent} */`,
  ].join("\n");
}
