// Lint Cypher with Neo4j's language support: reads {schema, versions, items: [{name, text,
// parameters, consoleCommands}]} as JSON on stdin, writes [{name, version, diagnostics}] on stdout.
"use strict";
const { lintCypherQuery } = require("@neo4j-cypher/language-support");

const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const results = [];
for (const version of input.versions) {
  for (const item of input.items) {
    const dbSchema = { ...input.schema, parameters: item.parameters, defaultLanguage: version };
    const diagnostics = lintCypherQuery(item.text, dbSchema, Boolean(item.consoleCommands)).map(
      (d) => ({
        severity: d.severity === 1 ? "error" : d.severity === 2 ? "warning" : "info",
        message: d.message,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
      }),
    );
    results.push({ name: item.name, version, diagnostics });
  }
}
process.stdout.write(JSON.stringify(results));
