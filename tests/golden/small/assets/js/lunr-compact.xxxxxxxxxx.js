/*
 * sitegen: a lunr.Index over the shards of sitegen's search index that a query needs.
 *
 * The build (sitegen/search.py) ships, per term range, each term's documents and fields with
 * their term frequencies and field lengths, and the average field lengths beside them. The BM25
 * field vectors follow from those, computed here exactly as lunr.Builder does (idf, length
 * normalisation, boosts, rounded to three decimals).
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

  // ---- the sharded index: only the term ranges a query touches -------------------------------

  // The shard that holds `term`: the last one whose first term is not after it.
  function shardOf(firstTerms, term) {
    var low = 0, high = firstTerms.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (firstTerms[middle] <= term) low = middle; else high = middle - 1;
    }
    return low;
  }

  function range(from, to) {
    var numbers = [];
    for (var n = from; n <= to; n++) numbers.push(n);
    return numbers;
  }

  // The shard numbers a query needs, as lunr itself reads the query: its parser, then the
  // pipeline for plain terms. A wildcard term needs the shards of its prefix (all of them when
  // it starts with one), a fuzzy term (~1) all shards: lunr matches it against every term.
  function shardsFor(lunr, manifest, pipeline, queryString) {
    var firstTerms = manifest.firstTerms, last = firstTerms.length - 1, wanted = Object.create(null);
    var query = new lunr.Query(manifest.fields);
    new lunr.QueryParser(queryString, query).parse();
    query.clauses.forEach(function (clause) {
      var terms = clause.usePipeline ? pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term];
      terms.forEach(function (term) {
        var star = term.indexOf('*');
        if (clause.editDistance || star === 0) {
          range(0, last).forEach(function (n) { wanted[n] = true; });
        } else if (star > 0) {
          var prefix = term.slice(0, star), end = shardOf(firstTerms, prefix);
          while (end < last && firstTerms[end + 1].slice(0, prefix.length) === prefix) end++;
          range(shardOf(firstTerms, prefix), end).forEach(function (n) { wanted[n] = true; });
        } else {
          wanted[shardOf(firstTerms, term)] = true;
        }
      });
    });
    return Object.keys(wanted).map(Number).sort(function (a, b) { return a - b; });
  }

  // A lunr.Vector from [termIndex, score, ...] pairs in any order: lunr's are sorted by term index.
  function vector(lunr, flat) {
    var pairs = [], elements = [];
    for (var i = 0; i < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
    pairs.sort(function (x, y) { return x[0] - y[0]; });
    pairs.forEach(function (pair) { elements.push(pair[0], pair[1]); });
    return new lunr.Vector(elements);
  }

  // A lunr.Index over the loaded shards. It answers a query exactly as the index of every term
  // would when the query's shards are among them: lunr scores a document by the dot product of
  // the query vector with its field vectors divided by the query vector's magnitude, so only
  // the query's terms of a field vector count, and their BM25 weights are computed here as
  // lunr.Builder computes them (idf from the term's entries, field length, average length).
  function fromShards(lunr, manifest, shards) {
    var fields = manifest.fields, boosts = manifest.boosts, averages = manifest.averages;
    var count = manifest.documents, k1 = 1.2, b = 0.75;
    var invertedIndex = Object.create(null), vectors = Object.create(null), allTerms = [];
    var noMetadata = Object.freeze(Object.create(null));
    shards.forEach(function (shard) {
      for (var t = 0; t < shard.terms.length; t++) {
        var encoded = shard.postings[t], termIndex = shard.positions[t], withTerm = 0, p, f;
        for (p = 0; p < encoded.length; p += encoded[p] < 0 ? 1 : 3) if (encoded[p] >= 0) withTerm++;
        var weight = idf(withTerm, count);
        var posting = Object.create(null);
        posting._index = termIndex;
        for (f = 0; f < fields.length; f++) posting[fields[f]] = Object.create(null);
        var field = 0, documentNumber = 0;
        for (p = 0; p < encoded.length;) {
          if (encoded[p] < 0) {
            field = -1 - encoded[p];
            documentNumber = 0;
            p += 1;
            continue;
          }
          documentNumber += encoded[p];
          var frequency = encoded[p + 1], length = encoded[p + 2];
          var documentRef = ref(documentNumber), fieldRef = fields[field] + '/' + documentRef;
          posting[fields[field]][documentRef] = noMetadata;
          var norm = k1 * (1 - b + b * (length / averages[field]));
          var score = weight * ((k1 + 1) * frequency) / (norm + frequency);
          score *= boosts[field];
          (vectors[fieldRef] || (vectors[fieldRef] = [])).push(termIndex, Math.round(score * 1000) / 1000);
          p += 3;
        }
        invertedIndex[shard.terms[t]] = posting;
        allTerms.push(shard.terms[t]);
      }
    });
    // lunr's search reads the vector of each field that matched (fieldVectors[fieldRef]) and
    // nothing else: each is made when first read, not all of them for every loaded shard.
    var made = Object.create(null);
    var fieldVectors = new Proxy(made, {
      get: function (target, fieldRef) {
        if (typeof fieldRef !== 'string') return undefined;
        if (fieldRef in target) return target[fieldRef];
        var flat = vectors[fieldRef];
        return flat ? (target[fieldRef] = vector(lunr, flat)) : undefined;
      }
    });
    return new lunr.Index({
      invertedIndex: invertedIndex,
      fieldVectors: fieldVectors,
      tokenSet: lunr.TokenSet.fromArray(allTerms.sort()),
      fields: fields.slice(),
      pipeline: lunr.Pipeline.load(manifest.pipeline)
    });
  }

  var api = { ref: ref, shardsFor: shardsFor, fromShards: fromShards };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    global.sitegenLunr = api;
  }
}(this));
