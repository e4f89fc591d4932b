// Build a lunr.js index of the documents sitegen indexed, and expand sitegen's compact index
// with the browser's own expander; print both as lunr's serialized JSON.
//
//   node tests/js/lunr_parity.js INPUT.json  ->  {"lunr": ..., "expanded": ...}
//
// INPUT.json: {"language": "nl"|"en", "fields": [[name, boost], ...], "documents": [{field: text}], "compact": {...}}
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

const expanded = compact.expand(lunr, input.compact);
process.stdout.write(JSON.stringify({ lunr: built.toJSON(), expanded: expanded.toJSON() }));
