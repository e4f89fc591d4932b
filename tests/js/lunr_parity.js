// Build lunr.js's own index of the documents sitegen indexed and print it as lunr's serialized
// JSON, for tests/test_search_parity.py to compare with sitegen's compact index (search.expand).
//
//   node tests/js/lunr_parity.js INPUT.json  ->  {"lunr": ...}
//
// INPUT.json: {"language": "nl"|"en", "fields": [[name, boost], ...], "documents": [{field: text}]}
'use strict';

const { built } = require('./lunr_full_index.js').load(process.argv[2]);
process.stdout.write(JSON.stringify({ lunr: built.toJSON() }));
