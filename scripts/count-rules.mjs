// Counts what makes a rule pile in the given files: regex literals, named numeric settings
// (CONST = number, and numeric fields of CONST objects), word lists (new Set([...])) and branches.
// Usage: node scripts/count-rules.mjs src/answer/*.ts src/search/*.ts
import ts from 'typescript';
import { readFileSync } from 'node:fs';
let regex = 0, consts = 0, lists = 0, ifs = 0, lines = 0;
for (const f of process.argv.slice(2)) {
  const text = readFileSync(f, 'utf8'); lines += text.split('\n').length;
  const sf = ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true);
  const visit = (n) => {
    if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) regex++;
    if (n.kind === ts.SyntaxKind.IfStatement || n.kind === ts.SyntaxKind.ConditionalExpression) ifs++;
    if (ts.isVariableDeclaration(n) && n.initializer && /^[A-Z][A-Z0-9_]+$/.test(n.name.getText())) {
      if (ts.isNumericLiteral(n.initializer) || (ts.isPrefixUnaryExpression(n.initializer))) consts++;
      if (ts.isObjectLiteralExpression(n.initializer)) consts += n.initializer.properties.filter(p => p.initializer && ts.isNumericLiteral(p.initializer)).length;
    }
    if (ts.isNewExpression(n) && n.expression.getText() === 'Set' && n.arguments?.[0] && (ts.isArrayLiteralExpression(n.arguments[0]) || /split/.test(n.arguments[0].getText())) ) lists++;
    ts.forEachChild(n, visit);
  };
  visit(sf);
}
console.log(JSON.stringify({ files: process.argv.length - 2, lines, regex, numericSettings: consts, wordLists: lists, branches: ifs }));
