const ts = require("typescript"); const fs = require("fs"); const zlib = require("zlib");
const s = fs.readFileSync(process.argv[2], "utf8");
const g = (x) => zlib.gzipSync(x, { level: 9 }).length - 32;
const sf = ts.createSourceFile("x.js", s, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
const edits = [];
const visit = (n) => {
  const K = ts.SyntaxKind;
  if ((n.kind === K.StringLiteral || n.kind === K.NoSubstitutionTemplateLiteral) && n.text.length > 25) edits.push([n.getStart(sf) + 1, n.end - 1]);
  else if (n.kind === K.TemplateExpression) {
    const parts = [n.head, ...n.templateSpans.map((x) => x.literal)];
    const total = parts.reduce((a, p) => a + p.text.length, 0);
    if (total > 25) for (const p of parts) { const st = p.getStart(sf); const tx = s.slice(st, p.end); const a = 1; const b = tx.endsWith("${") ? 2 : 1; if (tx.length > a + b) edits.push([st + a, p.end - b]); }
  }
  ts.forEachChild(n, visit);
};
visit(sf);
edits.sort((x, y) => y[0] - x[0]);
let out = s; for (const [a, b] of edits) out = out.slice(0, a) + out.slice(b);
console.log("base", g(s), "messages emptied", g(out), "literals", edits.length);
