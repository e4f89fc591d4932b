// lunr.js itself (with lunr-languages for Dutch) and lunr's own index of the documents sitegen
// indexed: what both parity scripts compare sitegen's index with.
//
// INPUT.json holds at least {"language": "nl"|"en", "fields": [[name, boost], ...],
//                            "documents": [{field: text}, ...]}.
'use strict';

const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');

function load(inputPath) {
  const input = JSON.parse(fs.readFileSync(inputPath, 'utf8'));
  const lunr = require(path.join(root, 'node_modules', 'lunr'));
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
  return { input, lunr, compact, built };
}

module.exports = { load };
