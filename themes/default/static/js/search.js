/*
 * sitegen search page: lunr.js over the sharded index, facets, state in the URL.
 *
 * Nothing is fetched until the visitor searches (or opens a URL with a search in it). Then the
 * manifest, the facet table and, per query, only the index shards its terms touch and the
 * documents-store chunks of the results shown; all are kept for the next query. Results
 * are built with createElement and textContent only: document data never becomes markup.
 */
(function () {
  'use strict';

  var form = document.getElementById('search-form');
  if (!form) return;
  var input = form.querySelector('input[name="q"]');
  var status = document.getElementById('search-status');
  var results = document.getElementById('search-results');
  var failure = document.getElementById('search-error');
  var facetBoxes = Array.prototype.slice.call(document.querySelectorAll('[data-facet]'));
  var more = document.getElementById('search-more');
  var data = form.dataset;
  var PAGE = 50;
  var PREFETCH = 60;  // ms without a keystroke before the shards of what is typed are fetched

  // typing: the URL entry of the current burst of typing exists (replace it, do not push another).
  // generation: only the newest search renders once the index has loaded.
  var state = {
    index: null, manifest: null, facets: null, shards: Object.create(null), shardCount: -1,
    chunks: Object.create(null), loading: null, indexReady: null, memo: null, shown: PAGE, timer: null, prefetch: null,
    typing: false, generation: 0,
    foldWildcards: false, skillTerms: Object.create(null), focusFrom: -1, parts: {},
    failed: false, failedAction: 0, actions: 0
  };

  function message(name, count) {
    var text = data['msg' + name.charAt(0).toUpperCase() + name.slice(1)] || '';
    return text.replace('{count}', String(count));
  }

  function setStatus(text, busy) {
    status.textContent = text;
    results.setAttribute('aria-busy', busy ? 'true' : 'false');
  }

  // ---- loading ------------------------------------------------------------------------------

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error('script ' + src)); };
      document.head.appendChild(script);
    });
  }

  // The promise settles at once: a failed preload shows when the script itself is loaded.
  function preload(src) {
    var link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'script';
    link.href = src;
    document.head.appendChild(link);
    return Promise.resolve();
  }

  function fetchJson(url) {
    return fetch(url, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) throw new Error(url + ': ' + response.status);
      return response.json();
    });
  }

  // Each part is fetched once; only a part that failed is fetched again on the next search.
  function once(key, make) {
    if (!state.parts[key]) {
      state.parts[key] = make().catch(function (error) {
        state.parts[key] = null;
        throw error;
      });
    }
    return state.parts[key];
  }

  // A load that failed is tried again on the visitor's next action, not within the same one
  // (the first keystroke starts the load, and the search it schedules would otherwise retry).
  function load() {
    if (state.loading && !(state.failed && state.failedAction !== state.actions)) return state.loading;
    state.failed = false;
    setStatus(message('loading'), true);
    // Each script needs the one before it, so they run one after the other; preloading them
    // all at once lets them download side by side meanwhile, instead of one round trip each.
    var sources = data.scripts.split(' ');
    sources.forEach(function (src) { once('preload ' + src, function () { return preload(src); }); });
    var scripts = sources.reduce(function (previous, src) {
      return previous.then(function () { return once('script ' + src, function () { return loadScript(src); }); });
    }, Promise.resolve());
    var manifest = once('index', function () { return fetchJson(data.index); });
    var facets = manifest.then(function (loaded) {
      return once('facets', function () { return fetchJson(new URL(loaded.facets, manifestUrl()).href); });
    });
    // What a query needs (the scripts and the manifest) apart from what showing it needs (the
    // facet table): the pause in typing searches before the facet table is in.
    state.indexReady = Promise.all([scripts, manifest]).then(function (loaded) {
      state.manifest = loaded[1];
      state.pipeline = window.lunr.Pipeline.load(loaded[1].pipeline);
      state.foldWildcards = (loaded[1].pipeline || []).indexOf('stemmer-nl') >= 0;
    });
    state.loading = Promise.all([state.indexReady, facets])
      .then(function (loaded) {
        state.facets = facetTable(loaded[1], state.manifest.documents);
        failure.hidden = true;
      })
      .catch(function (error) {
        state.failed = true;
        state.failedAction = state.actions;
        setStatus('', false);
        failure.hidden = false;
        throw error;
      });
    return state.loading;
  }

  function manifestUrl() {
    return new URL(data.index, window.location.href).href;
  }

  function failed(error) {
    state.failed = true;
    state.failedAction = state.actions;
    setStatus('', false);
    failure.hidden = false;
    throw error;
  }

  // Per facet, the values and each document's value indices (offsets into one flat list).
  function facetTable(table, count) {
    var out = Object.create(null);
    Object.keys(table).forEach(function (facet) {
      var flat = table[facet].ranges ? fromRanges(table[facet].ranges, count) : table[facet].documents;
      var offsets = new Uint32Array(count + 1), position = 0;
      for (var d = 0; d < count; d++) {
        offsets[d] = position;
        position += flat[position] + 1;
      }
      offsets[count] = position;
      out[facet] = { values: table[facet].values, flat: flat, offsets: offsets };
    });
    return out;
  }

  // A facet kept as runs (the network facet): per value, pairs of (documents since the value's
  // previous run ended, length), made into the flat list of the other facets.
  function fromRanges(ranges, count) {
    var own = [], d, flat = [];
    for (d = 0; d < count; d++) own.push([]);
    ranges.forEach(function (runs, value) {
      var end = 0;
      for (var i = 0; i < runs.length; i += 2) {
        var start = end + runs[i];
        end = start + runs[i + 1];
        for (d = start; d < end && d < count; d++) own[d].push(value);
      }
    });
    own.forEach(function (values) {
      flat.push(values.length);
      for (var v = 0; v < values.length; v++) flat.push(values[v]);
    });
    return flat;
  }

  function facetValues(position, facet) {
    var entry = state.facets[facet];
    if (!entry) return [];
    var start = entry.offsets[position], values = [];
    for (var i = 1; i <= entry.flat[start]; i++) values.push(entry.values[entry.flat[start + i]]);
    return values;
  }

  // The shards the query needs that are not loaded yet; the index is rebuilt when some arrive.
  function ensureShards(query) {
    var needed = window.sitegenLunr.shardsFor(window.lunr, state.manifest, state.pipeline, query);
    return Promise.all(needed.map(function (n) {
      return once('shard ' + n, function () {
        return fetchJson(new URL(state.manifest.shards + '/' + n + '.json', manifestUrl()).href)
          .then(function (shard) { state.shards[n] = shard; });
      });
    })).then(function () {
      var loaded = Object.keys(state.shards).map(Number).sort(function (a, b) { return a - b; });
      if (loaded.length !== state.shardCount) {
        state.shardCount = loaded.length;
        state.index = window.sitegenLunr.fromShards(window.lunr, state.manifest,
          loaded.map(function (n) { return state.shards[n]; }));
      }
    });
  }

  function chunkOf(position) {
    return Math.floor(position / state.manifest.chunk);
  }

  function ensureChunk(n) {
    return once('chunk ' + n, function () {
      return fetchJson(new URL(state.manifest.store + '/' + n + '.json', manifestUrl()).href)
        .then(function (chunk) { state.chunks[n] = chunk; });
    });
  }

  function storedDocument(position) {
    return state.chunks[chunkOf(position)][position % state.manifest.chunk];
  }

  // ---- state in the URL ---------------------------------------------------------------------

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get('q') || '';
    facetBoxes.forEach(function (box) {
      box.selected = params.getAll(box.dataset.param);
    });
  }

  function currentSearch() {
    var params = new URLSearchParams();
    var query = input.value.trim();
    if (query) params.set('q', query);
    facetBoxes.forEach(function (box) {
      box.selected.forEach(function (value) { params.append(box.dataset.param, value); });
    });
    var text = params.toString();
    return text ? '?' + text : '';
  }

  function writeUrl(push) {
    var search = currentSearch();
    if (search === window.location.search) return;
    var url = window.location.pathname + search;
    if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
  }

  function isActive() {
    return cleanQuery(input.value) !== '' || facetBoxes.some(function (box) { return box.selected.length > 0; });
  }

  // ---- searching ----------------------------------------------------------------------------

  // Characters of lunr's query syntax stay; other punctuation would only hide a word. An edit
  // distance above 2 (beleid~9) would make lunr expand nearly every term of the index, slowly.
  function cleanQuery(query) {
    return query.replace(/[^\p{L}\p{N}\s*:+\-~^_]/gu, ' ')
      .replace(/~(\d+)/g, function (all, distance) { return '~' + Math.min(parseInt(distance, 10), 2); })
      .trim();
  }

  // lunr skips the pipeline for a wildcard term (coöp*), but the Dutch stemmer folded accents
  // out of the indexed terms (cooperatie): fold them in the wildcard term the same way.
  var DUTCH_FOLDS = { 'ä': 'a', 'ë': 'e', 'ï': 'i', 'ö': 'o', 'ü': 'u', 'á': 'a', 'é': 'e', 'í': 'i', 'ó': 'o', 'ú': 'u' };

  function foldWildcards(query) {
    if (!state.foldWildcards) return query;
    return query.replace(/\S*\*\S*/g, function (term) {
      return term.toLowerCase().replace(/[äëïöüáéíóú]/g, function (letter) { return DUTCH_FOLDS[letter]; });
    });
  }

  // The query as lunr gets it, from what is in the box now.
  function typedQuery() {
    return foldWildcards(cleanQuery(input.value));
  }

  // The hits of `query`; the last answer is kept for the index it came from, so that a search
  // made in a pause of typing is not made again when the debounce ends.
  function matches(query) {
    if (state.memo && state.memo.query === query && state.memo.index === state.index) return state.memo.found;
    var found = hitsOf(query);
    state.memo = { query: query, index: state.index, found: found };
    return found;
  }

  function hitsOf(query) {
    if (!query) {
      var all = [];
      for (var position = 0; position < state.manifest.documents; position++) all.push({ position: position, terms: {} });
      return all;
    }
    return state.index.search(query).map(function (result) {
      return { position: parseInt(result.ref, 36), terms: result.matchData.metadata };
    });
  }

  function passes(position, except) {
    return facetBoxes.every(function (box) {
      if (box === except || box.selected.length === 0) return true;
      var values = facetValues(position, box.dataset.facet);
      return box.selected.some(function (value) { return values.indexOf(value) >= 0; });
    });
  }

  function clear() {
    results.textContent = '';
    more.hidden = true;
    setStatus('', false);
    facetBoxes.forEach(function (box) { renderFacet(box, []); });
  }

  function run() {
    var generation = ++state.generation;
    if (!isActive()) {
      clear();
      return;
    }
    var query = typedQuery();
    load().then(function () {
      if (generation !== state.generation) return null;
      return query ? Promise.resolve(query).then(ensureShards).catch(function (error) {
        if (error instanceof window.lunr.QueryParseError) return;  // show() says so
        failed(error);
      }) : null;
    }).then(function () {
      // The visitor may have typed on, or cleared the box, while the index was loading.
      if (generation === state.generation) show(generation);
    }).catch(function () { /* the failure block says what to do */ });
  }

  function show(generation) {
    if (!isActive()) {
      clear();
      return;
    }
    var found;
    try {
      if (!state.index && cleanQuery(input.value)) throw new Error('no index');
      found = matches(typedQuery());
    } catch (error) {
      // A QueryParseError, or anything else lunr could not make of the query: say so, do not throw.
      results.textContent = '';
      more.hidden = true;
      facetBoxes.forEach(function (box) { renderFacet(box, []); });
      setStatus(message('syntax'), false);
      return;
    }
    // The results first: the first shows as soon as its document is in; the facets are counted
    // once the page of results is complete, just before the count is written.
    var shown = found.filter(function (hit) { return passes(hit.position, null); });
    function renderFacets() {
      facetBoxes.forEach(function (box) {
        renderFacet(box, found.filter(function (hit) { return passes(hit.position, box); }));
      });
    }
    renderResults(shown, generation, renderFacets)
      .catch(failed).catch(function () { /* the failure block says what to do */ });
  }

  // Typing replaces the URL of its own history entry: one entry per burst of typing, pushed
  // when it starts, so that back returns to the search before it.
  function schedule() {
    state.actions += 1;
    // Start fetching at the first keystroke: the download overlaps the debounce.
    if (isActive()) load().catch(function () { /* the failure block says what to do */ });
    // A short pause in typing fetches the shards of what is typed so far and builds the index
    // from them, while the debounce still runs: the search then finds them in. (A visitor who
    // pauses mid-word may fetch a shard that the whole word does not need.)
    clearTimeout(state.prefetch);
    state.prefetch = setTimeout(function () {
      var query = typedQuery();
      if (!query) return;  // else load() above has started, and state.indexReady is its first half
      state.indexReady.then(function () { return ensureShards(query); })
        .then(function () { if (query === typedQuery()) matches(query); })
        .catch(function () { /* a half-typed query may not parse; run() says what is wrong */ });
    }, PREFETCH);
    clearTimeout(state.timer);
    state.timer = setTimeout(function () {
      state.shown = PAGE;
      writeUrl(!state.typing);
      state.typing = true;
      run();
    }, 200);
  }

  function commit() {
    state.actions += 1;
    clearTimeout(state.timer);
    state.typing = false;
  }

  // ---- rendering ----------------------------------------------------------------------------

  function renderFacet(box, hits) {
    var counts = Object.create(null);
    hits.forEach(function (hit) {
      (state.facets ? facetValues(hit.position, box.dataset.facet) : []).forEach(function (value) {
        counts[value] = (counts[value] || 0) + 1;
      });
    });
    box.selected.forEach(function (value) { if (!(value in counts)) counts[value] = 0; });
    var values = Object.keys(counts).sort(function (a, b) {
      return counts[b] - counts[a] || a.localeCompare(b, document.documentElement.lang);
    });
    var list = box.querySelector('ul');
    var focused = list.contains(document.activeElement) ? document.activeElement.value : null;
    list.textContent = '';
    box.hidden = values.length === 0;
    var limit = box.expanded ? values.length : 8;
    values.forEach(function (value, position) {
      var selected = box.selected.indexOf(value) >= 0;
      if (position >= limit && !selected) return;
      var item = document.createElement('li');
      var label = document.createElement('label');
      var checkbox = document.createElement('input');
      checkbox.type = 'checkbox';
      checkbox.name = box.dataset.param;
      checkbox.value = value;
      checkbox.checked = selected;
      checkbox.addEventListener('change', function () {
        box.selected = checkbox.checked ? box.selected.concat([value])
          : box.selected.filter(function (v) { return v !== value; });
        commit();
        state.shown = PAGE;
        writeUrl(true);
        run();
      });
      label.appendChild(checkbox);
      label.appendChild(document.createTextNode(' ' + value + ' (' + counts[value] + ')'));
      item.appendChild(label);
      list.appendChild(item);
      // The list is rebuilt on every change: keep the keyboard where it was.
      if (value === focused) checkbox.focus();
    });
    var toggle = box.querySelector('button');
    toggle.hidden = values.length <= 8;
    toggle.textContent = box.expanded ? message('fewer') : message('all', values.length);
    toggle.setAttribute('aria-expanded', box.expanded ? 'true' : 'false');
  }

  // The index terms of a skill, as the query pipeline makes them: tokenized first, so that
  // 'Power BI' and 'coöperaties begeleiden' match by their words.
  function skillTerms(skill) {
    var terms = state.skillTerms[skill];
    if (!terms) {
      terms = state.index.pipeline.run(window.lunr.tokenizer(skill)).map(String);
      state.skillTerms[skill] = terms;
    }
    return terms;
  }

  function matchingSkills(position, terms) {
    if (Object.keys(terms).length === 0) return [];
    return facetValues(position, 'skill').filter(function (skill) {
      return skillTerms(skill).some(function (term) { return Object.prototype.hasOwnProperty.call(terms, term); });
    });
  }

  // Results appear in their order as their documents arrive: the first as soon as its chunk is
  // in, not when the last one of the page is. The chunks are requested in the order of the
  // results, so that the first result's is not queued behind the others' (over HTTP/1.1 a
  // browser opens six connections to a host). The count is written once the page is complete,
  // so that a screen reader hears it once, with every result there.
  function renderResults(hits, generation, whenComplete) {
    var page = hits.slice(0, state.shown), next = 0, started = false;
    function appendReady() {
      if (generation !== state.generation) return;
      var from = next;
      while (next < page.length && state.chunks[chunkOf(page[next].position)]) next++;
      if (next === from && (started || page.length > 0)) return;
      if (!started) {
        results.textContent = '';
        started = true;
      }
      for (var position = from; position < next; position++) {
        var link = appendResult(page[position]);
        if (position === state.focusFrom) {
          link.focus();
          state.focusFrom = -1;
        }
      }
      if (next < page.length) {
        results.setAttribute('aria-busy', 'true');
        return;
      }
      state.focusFrom = -1;
      more.hidden = hits.length <= state.shown;
      whenComplete();
      setStatus(hits.length === 0 ? message('none') : hits.length === 1 ? message('one') : message('many', hits.length), false);
    }
    var requested = Object.create(null), loads = [];
    page.forEach(function (hit) {
      var n = chunkOf(hit.position);
      if (!requested[n]) {
        requested[n] = true;
        loads.push(ensureChunk(n).then(appendReady));
      }
    });
    appendReady();
    return Promise.all(loads);
  }

  function appendResult(hit) {
    var doc = storedDocument(hit.position);
    var item = document.createElement('li');
    item.className = 'result';
    var kind = document.createElement('p');
    kind.className = 'result-kind';
    kind.textContent = facetValues(hit.position, 'kind')[0];
    var heading = document.createElement('h2');
    heading.className = 'result-title';
    var link = document.createElement('a');
    link.href = doc.u;
    link.textContent = doc.t;
    heading.appendChild(link);
    var subtitle = document.createElement('p');
    subtitle.textContent = doc.s;
    item.appendChild(heading);
    item.appendChild(kind);
    item.appendChild(subtitle);
    var skills = matchingSkills(hit.position, hit.terms);
    if (skills.length) {
      var skillLine = document.createElement('p');
      skillLine.className = 'result-skills';
      skillLine.textContent = message('matching') + ' ' + skills.join(', ');
      item.appendChild(skillLine);
    }
    results.appendChild(item);
    return link;
  }

  // ---- wiring -------------------------------------------------------------------------------

  facetBoxes.forEach(function (box) {
    box.selected = [];
    box.expanded = false;
    box.querySelector('button').addEventListener('click', function () {
      box.expanded = !box.expanded;
      run();
    });
  });
  more.addEventListener('click', function () {
    // The button may disappear with the last page: the keyboard goes on at the first new result.
    state.focusFrom = state.shown;
    state.shown += PAGE;
    run();
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    commit();
    state.shown = PAGE;
    writeUrl(true);
    run();
  });
  input.addEventListener('input', schedule);
  window.addEventListener('popstate', function () {
    commit();
    readUrl();
    state.shown = PAGE;
    run();
  });
  document.documentElement.classList.add('has-search');
  readUrl();
  if (isActive()) run();
}());
