// Search lunr.js's own index of the documents and sitegen's sharded index with the same
// queries; print, per query, both result lists (ref and score) as JSON lines.
//
//   node tests/js/lunr_shards_parity.js INPUT.json  ->  {"query", "lunr", "minimal", "session", "shards"} per line
//
// INPUT.json: {"language", "fields": [[name, boost]], "documents": [{field: text}], "manifest": {...},
//              "shards": [shard, ...], "queries": [...]}
// "minimal" searches an index of only the shards the query needs; "session" one of every shard
// all the queries needed, as the browser keeps them.
'use strict';

const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const lunr = require(path.join(root, 'node_modules', 'lunr'));
const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));

if (input.language === 'nl') {
  require(path.join(root, 'node_modules', 'lunr-languages', 'lunr.stemmer.support.js'))(lunr);
  require(path.join(root, 'node_modules', 'lunr-languages', 'lunr.nl.js'))(lunr);
}
const compact = require(path.join(root, 'themes', 'default', 'static', 'js', 'lunr-compact.js'));

const built = lunr(function () {
  if (input.language === 'nl') this.use(lunr.nl);
  this.ref('ref');
  for (const [name, boost] of input.fields) this.field(name, { boost: boost });
  input.documents.forEach((texts, position) => {
    this.add(Object.assign({ ref: compact.ref(position) }, texts));
  });
});

const pipeline = lunr.Pipeline.load(input.manifest.pipeline);
const session = new Set();
function results(index, query) {
  return index.search(query).map((result) => [result.ref, result.score]);
}
const lines = input.queries.map((query) => {
  const needed = compact.shardsFor(lunr, input.manifest, pipeline, query);
  needed.forEach((n) => session.add(n));
  const minimal = compact.fromShards(lunr, input.manifest, needed.map((n) => input.shards[n]));
  return { query, lunr: results(built, query), minimal: results(minimal, query), shards: needed.length };
});
// The session's index (every shard the queries loaded) answers each of them the same too.
const all = compact.fromShards(lunr, input.manifest, [...session].sort((a, b) => a - b).map((n) => input.shards[n]));
lines.forEach((line) => { line.session = results(all, line.query); });
process.stdout.write(lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
