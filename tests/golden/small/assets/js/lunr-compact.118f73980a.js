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
    var fields = data.fields, boosts = data.boosts, terms = data.terms;
    var count = data.documents, fieldCount = fields.length, slots = count * fieldCount;
    var k1 = 1.2, b = 0.75;
    var invertedIndex = Object.create(null);
    var frequencies = new Array(slots);
    var lengths = new Float64Array(slots);
    var withTerm = new Array(terms.length);
    var slot, t, f;

    for (slot = 0; slot < slots; slot++) frequencies[slot] = [];

    for (t = 0; t < terms.length; t++) {
      var posting = Object.create(null);
      posting._index = t;
      for (f = 0; f < fieldCount; f++) posting[fields[f]] = Object.create(null);
      var encoded = data.postings[t], position = 0, pairs = 0;
      while (position < encoded.length) {
        var field = encoded[position], n = encoded[position + 1], documentNumber = 0;
        position += 2;
        for (var k = 0; k < n; k++) {
          documentNumber += encoded[position];
          var tf = encoded[position + 1];
          position += 2;
          posting[fields[field]][ref(documentNumber)] = Object.create(null);
          slot = documentNumber * fieldCount + field;
          frequencies[slot].push(t, tf);
          lengths[slot] += tf;
          pairs += 1;
        }
      }
      withTerm[t] = pairs;  // lunr.idf counts (field, document) pairs
      invertedIndex[terms[t]] = posting;
    }

    var average = new Float64Array(fieldCount);
    for (f = 0; f < fieldCount; f++) {
      var total = 0;
      for (var d = 0; d < count; d++) total += lengths[d * fieldCount + f];
      average[f] = count ? total / count : 0;
    }

    var idfs = new Float64Array(terms.length);
    for (t = 0; t < terms.length; t++) idfs[t] = idf(withTerm[t], count);

    var fieldVectors = Object.create(null);
    for (slot = 0; slot < slots; slot++) {
      var documentIndex = Math.floor(slot / fieldCount), fieldIndex = slot % fieldCount;
      var pairsOfSlot = frequencies[slot], elements = [];
      for (var p = 0; p < pairsOfSlot.length; p += 2) {
        var termIndex = pairsOfSlot[p], frequency = pairsOfSlot[p + 1];
        var score = idfs[termIndex] * ((k1 + 1) * frequency) /
          (k1 * (1 - b + b * (lengths[slot] / average[fieldIndex])) + frequency);
        score *= boosts[fieldIndex];
        elements.push(termIndex, Math.round(score * 1000) / 1000);
      }
      fieldVectors[fields[fieldIndex] + '/' + ref(documentIndex)] = new lunr.Vector(elements);
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
