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

const { input, lunr, compact, built } = require('./lunr_full_index.js').load(process.argv[2]);

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
