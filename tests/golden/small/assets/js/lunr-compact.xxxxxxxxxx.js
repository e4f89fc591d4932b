/*
 * sitegen: rebuild a lunr.Index from sitegen's compact search index.
 *
 * The build (sitegen/search.py) ships, per term in lunr's term-index order, the documents and
 * fields it occurs in with their term frequencies. Everything else lunr's scoring needs follows
 * from those, computed here exactly as lunr.Builder does: field lengths, average field lengths,
 * idf, and the BM25 field vectors rounded to three decimals.
 */
(function (global) {
  'use strict';

  function ref(position) {
    return position.toString(36);
  }

  function idf(documentsWithTerm, documentCount) {
    var x = (documentCount - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5);
    return Math.log(1 + Math.abs(x));
  }

  function expand(lunr, data) {
    var fields = data.fields, boosts = data.boosts, terms = data.terms, postings = data.postings;
    var count = data.documents, fieldCount = fields.length, slots = count * fieldCount;
    var k1 = 1.2, b = 0.75;
    var invertedIndex = Object.create(null);
    var refs = new Array(count);
    var perSlot = new Uint32Array(slots + 1);  // entries per (document, field) slot, then offsets
    var lengths = new Float64Array(slots);
    var withTerm = new Uint32Array(terms.length);
    // lunr clones a posting's metadata into its match data and never changes it: all documents
    // can share one empty object, which saves an allocation per (term, field, document).
    var noMetadata = Object.freeze(Object.create(null));
    var slot, t, f, d, position, encoded, entries;

    for (d = 0; d < count; d++) refs[d] = ref(d);

    // First pass: the inverted index, field lengths and the size of each field vector.
    for (t = 0; t < terms.length; t++) {
      var posting = Object.create(null);
      posting._index = t;
      for (f = 0; f < fieldCount; f++) posting[fields[f]] = Object.create(null);
      encoded = postings[t];
      position = 0;
      entries = 0;
      while (position < encoded.length) {
        var field = encoded[position], n = encoded[position + 1], documentNumber = 0;
        var fieldPosting = posting[fields[field]];
        position += 2;
        for (var k = 0; k < n; k++, position += 2) {
          documentNumber += encoded[position];
          fieldPosting[refs[documentNumber]] = noMetadata;
          slot = documentNumber * fieldCount + field;
          perSlot[slot + 1] += 1;
          lengths[slot] += encoded[position + 1];
        }
        entries += n;
      }
      withTerm[t] = entries;  // lunr.idf counts (field, document) pairs
      invertedIndex[terms[t]] = posting;
    }

    // Second pass: each slot's (term, tf) pairs, in term order, in two flat arrays.
    for (slot = 0; slot < slots; slot++) perSlot[slot + 1] += perSlot[slot];
    var next = perSlot.slice(0, slots);
    var slotTerms = new Uint32Array(perSlot[slots]), slotFrequencies = new Uint32Array(perSlot[slots]);
    for (t = 0; t < terms.length; t++) {
      encoded = postings[t];
      position = 0;
      while (position < encoded.length) {
        var fieldNumber = encoded[position], m = encoded[position + 1], documentIndex = 0;
        position += 2;
        for (var j = 0; j < m; j++, position += 2) {
          documentIndex += encoded[position];
          slot = documentIndex * fieldCount + fieldNumber;
          slotTerms[next[slot]] = t;
          slotFrequencies[next[slot]] = encoded[position + 1];
          next[slot] += 1;
        }
      }
    }

    var average = new Float64Array(fieldCount);
    for (f = 0; f < fieldCount; f++) {
      var total = 0;
      for (d = 0; d < count; d++) total += lengths[d * fieldCount + f];
      average[f] = count ? total / count : 0;
    }

    var idfs = new Float64Array(terms.length);
    for (t = 0; t < terms.length; t++) idfs[t] = idf(withTerm[t], count);

    // The BM25 field vectors, as lunr.Builder.createFieldVectors computes them.
    var fieldVectors = Object.create(null);
    for (slot = 0; slot < slots; slot++) {
      var fieldIndex = slot % fieldCount, boost = boosts[fieldIndex];
      var norm = k1 * (1 - b + b * (lengths[slot] / average[fieldIndex]));
      var elements = new Array(2 * (perSlot[slot + 1] - perSlot[slot]));
      for (var p = perSlot[slot], e = 0; p < perSlot[slot + 1]; p++, e += 2) {
        var frequency = slotFrequencies[p], termIndex = slotTerms[p];
        var score = idfs[termIndex] * ((k1 + 1) * frequency) / (norm + frequency);
        score *= boost;
        elements[e] = termIndex;
        elements[e + 1] = Math.round(score * 1000) / 1000;
      }
      fieldVectors[fields[fieldIndex] + '/' + refs[(slot - fieldIndex) / fieldCount]] = new lunr.Vector(elements);
    }

    return new lunr.Index({
      invertedIndex: invertedIndex,
      fieldVectors: fieldVectors,
      tokenSet: lunr.TokenSet.fromArray(terms.slice().sort()),
      fields: fields.slice(),
      pipeline: lunr.Pipeline.load(data.pipeline)
    });
  }

  var api = { expand: expand, ref: ref };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    global.sitegenLunr = api;
  }
}(this));
