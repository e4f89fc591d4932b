/*
 * sitegen profile form: a member fills in a form, the page makes the profile's file.
 *
 * The field rules are not written here. The page carries them as data (#profile-form-data,
 * made by sitegen/profile_form.py from sitegen/schema.py's rules), with the messages of
 * `sitegen check`; this script knows only the generic check of each rule kind (a text's
 * length, a list's count, a choice, a number's range, a date's shape, ...). Member values are
 * written with textContent and value only, never as markup. Nothing is sent anywhere: the one
 * request is for the profile being edited, on this site.
 */
(function () {
  'use strict';

  const app = document.getElementById('profile-form-app');
  const dataBlock = document.getElementById('profile-form-data');
  if (!app || !dataBlock) return;
  const data = JSON.parse(dataBlock.textContent);
  const form = document.getElementById('profile-form');
  const summaryBox = document.getElementById('error-summary');
  const result = document.getElementById('form-result');
  const texts = {};
  document.getElementById('profile-form-texts').content.querySelectorAll('[data-text]').forEach((node) => {
    texts[node.dataset.text] = node.textContent;
  });

  function say(name, values) {
    return (texts[name] || '').replace(/\{(\w+)\}/g, (whole, key) => (key in (values || {}) ? String(values[key]) : whole));
  }

  function message(name, values) {
    return data.messages[name].replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
  }

  // A rule's noun ('organisation', 'skill') in the site's language, as check's messages name it.
  function noun(word) {
    return (data.nouns || {})[word] || word;
  }

  // ---- text as sitegen reads it ------------------------------------------------------------

  // Python's str.split() whitespace: what `text` validators collapse to one space.
  const PY_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  const DIRECTION = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
  const CONTROL = /[\x00-\x1f\x7f-\x9f]/;
  const SPECIAL_LETTERS = { 'ı': 'i', 'ß': 'ss', 'ø': 'o', 'Ø': 'O', 'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D',
    'æ': 'ae', 'Æ': 'AE', 'œ': 'oe', 'Œ': 'OE', 'þ': 'th', 'Þ': 'TH' };

  function collapse(value) {
    return value.split(PY_SPACE).filter(Boolean).join(' ');
  }

  function length(value) {
    return Array.from(value).length; // code points, as Python counts
  }

  // terms.fold: the form in which terms, aliases and file names are compared.
  function fold(value) {
    const translated = Array.from(value).map((c) => SPECIAL_LETTERS[c] || c).join('');
    return translated.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
      .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  }

  function hex(char) {
    return char.codePointAt(0).toString(16).toUpperCase().padStart(4, '0');
  }

  // ---- the generic checks, one per rule kind ----------------------------------------------

  const DECIMAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;
  const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
  const YEAR_MONTH = /^([0-9]{4})(?:-([0-9]{2}))?$/;
  const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
  const PHONE = /^\+?[0-9][0-9 ()-]{5,22}[0-9]$/;
  const USERNAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,38})$/;
  const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const termTables = {};
  Object.keys(data.terms).forEach((kind) => {
    const table = new Map();
    data.terms[kind].forEach((entry) => {
      table.set(fold(entry.term), entry.term);
      entry.aliases.forEach((alias) => { if (!table.has(fold(alias))) table.set(fold(alias), entry.term); });
    });
    termTables[kind] = table;
  });
  const languageCodes = new Set(data.language_codes);

  // datetime.date.fromisoformat: a day that exists, in the years 1 to 9999.
  function dateExists(value) {
    const [year, month, day] = value.split('-').map(Number);
    const date = new Date(Date.UTC(2000, 0, 1));
    date.setUTCFullYear(year, month - 1, day);
    return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }

  function checkText(rule, value, key) {
    const direction = value.match(DIRECTION);
    if (direction) return message('text.direction', { key: key, code: hex(direction[0]) });
    const control = value.match(CONTROL);
    if (control) return message('text.control', { key: key, code: hex(control[0]) });
    const count = length(value);
    if (count < rule.minimum) return message('text.too-short', { key: key, minimum: rule.minimum, count: count });
    if (count > rule.maximum) return message('text.too-long', { key: key, maximum: rule.maximum, count: count });
    return null;
  }

  // urllib.parse.urlsplit, as far as https_url asks it.
  function checkUrl(value, key) {
    if (DIRECTION.test(value)) return message('text.direction', { key: key, code: hex(value.match(DIRECTION)[0]) });
    if (CONTROL.test(value)) return message('text.control', { key: key, code: hex(value.match(CONTROL)[0]) });
    if (/[\s\\]/u.test(value)) return message('https-url.space', { key: key, value: value });
    const scheme = value.match(/^([A-Za-z][A-Za-z0-9+.-]*):/);
    const rest = scheme ? value.slice(scheme[0].length) : value;
    let netloc = '';
    if (rest.startsWith('//')) netloc = rest.slice(2).split(/[/?#]/)[0];
    if ((netloc.includes('[') && !netloc.includes(']')) || (netloc.includes(']') && !netloc.includes('['))) {
      return message('https-url.invalid', { key: key, value: value });
    }
    if (!scheme || scheme[1].toLowerCase() !== 'https') return message('https-url.scheme', { key: key, value: value });
    const at = netloc.lastIndexOf('@');
    if (at >= 0) return message('https-url.credentials', { key: key });
    const host = netloc.replace(/^\[([^\]]*)\].*$/, '$1').replace(/:[^:]*$/, '').toLowerCase();
    if (!host || !host.includes('.')) return message('https-url.host', { key: key, value: value });
    return null;
  }

  const CHECKS = {
    'text': checkText,
    'choice': (rule, value, key) => (rule.options.includes(value) ? null
      : message('choice.unknown', { key: key, value: value })),
    'number': (rule, value, key) => {
      if (!DECIMAL.test(value)) return message('number.type', { key: key });
      const number = Number(value);
      if (rule.whole && value.includes('.')) return message('number.whole', { key: key, value: value });
      if (number < rule.minimum || number > rule.maximum) {
        return message('number.range', { key: key, minimum: rule.minimum, maximum: rule.maximum, value: value });
      }
      return null;
    },
    'date': (rule, value, key) => {
      if (!DATE.test(value)) return message('date.shape', { key: key, value: value });
      return dateExists(value) ? null : message('date.exists', { key: key, value: value });
    },
    'year-month': (rule, value, key) => {
      const match = value.match(YEAR_MONTH);
      const year = match ? Number(match[1]) : 0;
      const month = match && match[2] ? Number(match[2]) : null;
      if (!match || year < 1940 || year > 2100 || (month !== null && (month < 1 || month > 12))) {
        return message('year-month.invalid', { key: key, value: value });
      }
      return null;
    },
    'https-url': (rule, value, key) => checkUrl(value, key),
    'email': (rule, value, key) => {
      if (value.toLowerCase().startsWith('mailto:')) return message('email.mailto', { key: key });
      return EMAIL.test(value) ? null : message('email.invalid', { key: key, value: value });
    },
    'phone': (rule, value, key) => (PHONE.test(value) ? null : message('phone.invalid', { key: key, value: value })),
    'username': (rule, value, key) => {
      if (value.startsWith('@') && USERNAME.test(value.slice(1))) return message('username.at', { key: key });
      return USERNAME.test(value) ? null : message('username.invalid', { key: key, value: value });
    },
    'reference': (rule, value, key) => (SLUG.test(value) ? null
      : message('reference.invalid', { key: key, value: value, what: noun(rule.what) })),
    'language-code': (rule, value, key) => (languageCodes.has(value) ? null
      : message('language-code.invalid', { key: key, value: value })),
    'term': (rule, value, key) => {
      const problem = checkText(rule, value, key);
      if (problem) return problem;
      const table = termTables[rule.what];
      if (!table || table.size === 0 || table.has(fold(value))) return null;
      return message('term.unknown', { key: key, value: value, singular: noun(rule.what.slice(0, -1)) });
    },
  };

  // What a text validator keeps of a value: the form writes exactly that into the file.
  function normalize(rule, value) {
    if (rule.kind === 'text' || rule.kind === 'term') return collapse(value);
    return value.trim();
  }

  // validate_mapping over the form's values: every problem, each with the key of its field.
  function validateMapping(spec, values, prefix, problems) {
    spec.forEach((entry) => {
      const key = prefix ? prefix + '.' + entry.name : entry.name;
      if (entry.name in values) validateValue(entry.rule, values[entry.name], key, problems);
    });
    spec.forEach((entry) => {
      if (entry.required && !(entry.name in values)) {
        const key = prefix ? prefix + '.' + entry.name : entry.name;
        problems.push({ key: key, message: message('missing', { prefix: prefix ? prefix + ': ' : '', name: entry.name }) });
      }
    });
  }

  function validateValue(rule, value, key, problems) {
    if (rule.kind === 'list') {
      if (value.length < rule.minimum) {
        problems.push({ key: key, message: message(rule.minimum === 1 ? 'list.too-few-one' : 'list.too-few',
          { key: key, minimum: rule.minimum }) });
        return;
      }
      if (value.length > rule.maximum) {
        problems.push({ key: key, message: message('list.too-many', { key: key, maximum: rule.maximum, count: value.length }) });
        return;
      }
      value.forEach((item, index) => validateValue(rule.item, item, key + '[' + (index + 1) + ']', problems));
    } else if (rule.kind === 'mapping') {
      validateMapping(rule.spec, value, key, problems);
    } else {
      const problem = CHECKS[rule.kind](rule, value, key);
      if (problem) problems.push({ key: key, message: problem });
    }
  }

  // documents.py's rules between fields: run, as there, only on a file with no other error.
  function validateRelations(values, problems) {
    if (!data.organisations.some((o) => o.id === values.organisation)) {
      problems.push({ key: 'organisation', message: message('organisation.unknown', { value: values.organisation }) });
    }
    const availability = values.availability;
    if (availability && availability.status === 'unavailable' && Number(availability.hours_per_week || 0) !== 0) {
      problems.push({ key: 'availability.hours_per_week', message: message('availability.hours', { key: 'availability' }) });
    }
    data.periods.forEach(([name, start, end]) => {
      const items = name === 'experience' ? (values.experience || []) : (values[name] ? [values[name]] : []);
      items.forEach((item, index) => {
        const key = name === 'experience' ? name + '[' + (index + 1) + ']' : name;
        if (item[start] && item[end] && endsBefore(item[end], item[start])) {
          problems.push({ key: key + '.' + end, message: message('period', { key: key + '.' + end, end: item[end], start: item[start] }) });
        }
      });
    });
  }

  // A year alone covers the whole year: from 2021-06 to 2021 is fine (documents._ends_before).
  function endsBefore(end, start) {
    const [endYear, endMonth] = end.split('-');
    const [startYear, startMonth] = start.split('-');
    const endDay = end.length === 10 ? end : endYear + '-' + (endMonth || '12') + '-99';
    const startDay = start.length === 10 ? start : startYear + '-' + (startMonth || '01') + '-00';
    return endDay < startDay;
  }

  function validate(values) {
    const problems = [];
    validateMapping(data.keys, values, '', problems);
    if (problems.length === 0) validateRelations(values, problems);
    if (!SLUG.test(fileInput.value.trim())) problems.push({ key: 'file', message: say('file_invalid') });
    return problems;
  }

  // ---- the form's values -------------------------------------------------------------------

  function ruleOf(path) {
    let spec = data.keys;
    let rule = null;
    path.split('.').forEach((name) => {
      const entry = spec.find((e) => e.name === name);
      rule = entry.rule;
      const inner = rule.kind === 'list' ? rule.item : rule;
      spec = inner.spec || [];
    });
    return rule;
  }

  const fileInput = document.getElementById('f-file');
  const bodyInput = document.getElementById('f-body');
  const consentBox = document.getElementById('f-consent');
  const experienceList = document.getElementById('f-experience-list');
  const state = { loaded: null, fileEdited: false, consent: '', touched: new Set(), submitted: false, selected: {} };

  // The fields of the page by key, with how to read and fill them.
  const fields = {};
  form.querySelectorAll('[data-key]').forEach((element) => {
    const key = element.dataset.key;
    const widget = element.dataset.widget || 'single';
    const control = ['single', 'words', 'lines'].includes(widget) ? element.querySelector('input, select, textarea') : null;
    fields[key] = { key: key, element: element, widget: widget, control: control };
    if (widget === 'checkboxes' || widget === 'codes') state.selected[key] = [];
  });

  function splitWords(value) {
    return value.split(/[\s,;]+/).filter(Boolean);
  }

  function readField(key) {
    const field = fields[key];
    const rule = ruleOf(key);
    if (field.widget === 'single') {
      const value = normalize(rule, field.control.value);
      return value === '' ? undefined : value;
    }
    let items;
    if (field.widget === 'words') items = splitWords(field.control.value);
    else if (field.widget === 'lines') items = field.control.value.split('\n').map((line) => normalize(rule.item, line)).filter(Boolean);
    else {
      items = state.selected[key].slice();
      if (field.widget === 'codes') items = items.concat(splitWords(document.getElementById('f-languages-other').value));
    }
    return items.length ? items.map((item) => normalize(rule.item, item)) : undefined;
  }

  function readExperience() {
    const rule = ruleOf('experience').item;
    const items = [];
    experienceList.querySelectorAll('.experience-item').forEach((item) => {
      const values = {};
      rule.spec.forEach((entry) => {
        const input = item.querySelector('[data-part="' + entry.name + '"] input');
        const value = normalize(entry.rule, input.value);
        if (value !== '') values[entry.name] = value;
      });
      if (Object.keys(values).length) items.push(values);
    });
    return items.length ? items : undefined;
  }

  function today() {
    const now = new Date();
    return now.getFullYear() + '-' + String(now.getMonth() + 1).padStart(2, '0') + '-' + String(now.getDate()).padStart(2, '0');
  }

  // The front matter's values, in the spec's order, without what is left empty.
  function collect() {
    const values = {};
    data.keys.forEach((entry) => {
      let value;
      if (entry.name === 'experience') value = readExperience();
      else if (entry.name === 'consent') value = consentBox.checked ? state.consent : undefined;
      else if (entry.rule.kind === 'mapping') {
        const nested = {};
        entry.rule.spec.forEach((inner) => {
          const found = fields[entry.name + '.' + inner.name] ? readField(entry.name + '.' + inner.name) : undefined;
          if (found !== undefined) nested[inner.name] = found;
        });
        value = Object.keys(nested).length ? nested : undefined;
      } else if (fields[entry.name]) value = readField(entry.name);
      if (value !== undefined) values[entry.name] = value;
    });
    return values;
  }

  // ---- the file ----------------------------------------------------------------------------

  const RESERVED = /^(?:y|yes|n|no|true|false|on|off|null|~)$/i;

  // Whether YAML reads `value` back as this very text when it is written without quotes.
  function plainIsSafe(value, inFlow) {
    if (value === '' || value !== value.trim()) return false;
    if (/^[-?:,[\]{}#&*!|>'"%@`=]/.test(value)) return false;
    if (/: |:$| #/.test(value)) return false;
    if (/[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]/.test(value)) return false;
    if (RESERVED.test(value) || /^[-+.]?[0-9]/.test(value)) return false;
    return !(inFlow && /[,[\]{}]/.test(value));
  }

  function quote(value) {
    return JSON.stringify(value).replace(/[\x7f-\x9f\u2028\u2029\ufeff]/g, (c) => '\\u' + hex(c));
  }

  function scalar(rule, value, inFlow) {
    const shaped = (rule.kind === 'date' && DATE.test(value)) || (rule.kind === 'year-month' && YEAR_MONTH.test(value)) ||
      (rule.kind === 'number' && DECIMAL.test(value));
    return shaped || (rule.kind !== 'phone' && rule.kind !== 'number' && plainIsSafe(value, inFlow)) ? value : quote(value);
  }

  function writeMapping(spec, values, indent, lines) {
    spec.forEach((entry) => {
      if (!(entry.name in values)) return;
      const value = values[entry.name];
      const rule = entry.rule;
      const head = indent + entry.name + ':';
      if (rule.kind === 'list') {
        if (rule.item.kind === 'language-code') {
          lines.push(head + ' [' + value.map((v) => scalar(rule.item, v, true)).join(', ') + ']');
          return;
        }
        lines.push(head);
        value.forEach((item) => {
          if (rule.item.kind === 'mapping') {
            const nested = [];
            writeMapping(rule.item.spec, item, indent + '    ', nested);
            nested[0] = indent + '  - ' + nested[0].slice(indent.length + 4);
            nested.forEach((line) => lines.push(line));
          } else {
            lines.push(indent + '  - ' + scalar(rule.item, item, false));
          }
        });
      } else if (rule.kind === 'mapping') {
        lines.push(head);
        writeMapping(rule.spec, value, indent + '  ', lines);
      } else {
        lines.push(head + ' ' + scalar(rule, value, false));
      }
    });
  }

  function fileText(values) {
    const lines = ['---'];
    writeMapping(data.keys, values, '', lines);
    lines.push('---');
    const body = bodyInput.value.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
    return lines.join('\n') + '\n' + (body ? body + '\n' : '');
  }

  // ---- messages on the page ----------------------------------------------------------------

  // The field (and control) a problem belongs to: "skills[3]" is the skills list's.
  function target(key) {
    const item = key.match(/^experience\[(\d+)\](?:\.(\w+))?/);
    if (item) {
      const entry = experienceList.querySelectorAll('.experience-item')[Number(item[1]) - 1];
      const part = entry && entry.querySelector('[data-part="' + (item[2] || 'role') + '"]');
      if (part) return { element: part, control: part.querySelector('input') };
    }
    const name = key.replace(/\[\d+\]$/, '').replace(/\[\d+\]\..*$/, '');
    const field = fields[name] || fields[name.split('.')[0]];
    if (!field) return null;
    const control = field.control || field.element.querySelector('input, select, textarea');
    return { element: field.element, control: control, group: !field.control };
  }

  function clearProblems(element) {
    element.querySelectorAll(':scope > .field-error').forEach((node) => node.remove());
    element.classList.remove('has-error');
    element.querySelectorAll('[aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
    const described = element.matches('fieldset') ? element : element.querySelector('input, select, textarea');
    if (described) {
      const ids = (described.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && !id.startsWith('error-'));
      if (ids.length) described.setAttribute('aria-describedby', ids.join(' '));
      else described.removeAttribute('aria-describedby');
    }
  }

  let errorCount = 0;

  function showProblem(problem) {
    const place = target(problem.key);
    if (!place) return null;
    const { element, control, group } = place;
    const note = document.createElement('p');
    note.className = 'field-error';
    note.id = 'error-' + (errorCount++);
    note.textContent = problem.message;
    const anchor = element.querySelector(':scope > input, :scope > select, :scope > textarea, :scope > .options, :scope > ol, :scope > .check')
      || element.lastElementChild;
    element.insertBefore(note, anchor);
    element.classList.add('has-error');
    const described = group ? element : control;
    if (described) {
      const ids = (described.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      ids.push(note.id);
      described.setAttribute('aria-describedby', ids.join(' '));
    }
    if (control && !group) control.setAttribute('aria-invalid', 'true');
    return control;
  }

  // Show the problems of the fields the member has been through (or all, after a submit).
  function refresh() {
    const values = collect();
    const problems = validate(values);
    form.querySelectorAll('.has-error').forEach(clearProblems);
    const shown = problems.filter((p) => state.submitted || state.touched.has(fieldName(p.key)));
    shown.forEach(showProblem);
    if (state.submitted) renderSummary(problems);
    updatePreview(values);
    document.getElementById('file-preview-text').textContent = fileText(values);
    if (!result.hidden) {
      if (problems.length) result.hidden = true;
      else renderResult(values);
    }
    return { values: values, problems: problems };
  }

  function fieldName(key) {
    const item = key.match(/^(experience\[\d+\])(?:\.(\w+))?/);
    if (item) return item[1] + '.' + (item[2] || 'role');
    return key.replace(/\[\d+\]$/, '').replace(/\[\d+\]\..*$/, '');
  }

  function renderSummary(problems) {
    const list = summaryBox.querySelector('ul');
    list.replaceChildren();
    problems.forEach((problem) => {
      const place = target(problem.key);
      const item = document.createElement('li');
      const link = document.createElement('a');
      const control = place && (place.control || place.element);
      link.href = '#' + (control && control.id ? control.id : '');
      link.textContent = problem.message;
      link.addEventListener('click', (event) => {
        event.preventDefault();
        if (!control) return;
        const label = place.element.querySelector('label, legend');
        (label || control).scrollIntoView({ block: 'start' });
        control.focus({ preventScroll: true });
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    summaryBox.hidden = problems.length === 0;
  }

  // ---- preview -----------------------------------------------------------------------------

  function initials(name) {
    const words = name.replace(/-/g, ' ').split(/\s+/).filter((w) => /^\p{L}/u.test(w));
    const capitals = words.filter((w) => w[0] !== w[0].toLowerCase()).length ? words.filter((w) => w[0] !== w[0].toLowerCase()) : words;
    if (!capitals.length) return '?';
    return (capitals[0][0] + (capitals.length > 1 ? capitals[capitals.length - 1][0] : '')).toUpperCase();
  }

  let liveTimer = null;

  function updatePreview(values) {
    const name = values.name || say('preview_empty');
    const organisation = data.organisations.find((o) => o.id === values.organisation);
    const meta = [values.role, organisation && organisation.name].filter(Boolean).join(', ');
    document.getElementById('preview-name').textContent = name;
    document.getElementById('preview-initials').textContent = initials(values.name || '');
    document.getElementById('preview-meta').textContent = meta;
    document.getElementById('preview-summary').textContent = values.summary || '';
    const status = document.getElementById('preview-status');
    const availability = values.availability && values.availability.status;
    status.hidden = !availability || !texts[availability];
    status.className = 'status status-' + (availability || '');
    status.textContent = availability ? say(availability) : '';
    const summary = document.getElementById('f-summary');
    document.getElementById('f-summary-count').textContent = say('chars', {
      count: length(collapse(summary.value)), maximum: ruleOf('summary').maximum });
    Object.keys(state.selected).forEach((key) => {
      const chosen = document.getElementById('f-' + key + '-chosen');
      if (chosen) chosen.textContent = say('chosen', { count: state.selected[key].length }) +
        (state.selected[key].length ? ': ' + state.selected[key].join(', ') : '');
    });
    const text = [name, meta, status.textContent].filter(Boolean).join(', ');
    clearTimeout(liveTimer); // a screen reader hears the card once the member pauses, not at every key
    liveTimer = setTimeout(() => {
      document.getElementById('preview-live').textContent = say('preview_live', { text: text });
    }, 1500);
    if (!state.fileEdited && !state.loaded) fileInput.value = fold(values.name || '');
    document.getElementById('f-consent-date').textContent = consentBox.checked ? say('consent_on', { date: state.consent }) : '';
  }

  // ---- widgets ------------------------------------------------------------------------------

  Object.keys(state.selected).forEach((key) => {
    const element = fields[key].element;
    element.querySelectorAll('.options input[type="checkbox"]').forEach((box) => {
      box.addEventListener('change', () => {
        const list = state.selected[key];
        const at = list.indexOf(box.value);
        if (box.checked && at < 0) list.push(box.value);
        if (!box.checked && at >= 0) list.splice(at, 1);
        state.touched.add(key);
        refresh();
      });
    });
    const filter = element.querySelector('.filter');
    if (filter) {
      filter.addEventListener('input', () => {
        const wanted = fold(filter.value);
        let visible = 0;
        element.querySelectorAll('.options li').forEach((item) => {
          const show = !wanted || fold(item.textContent).includes(wanted);
          item.hidden = !show;
          if (show) visible++;
        });
        element.querySelector('[data-none]').hidden = visible > 0;
      });
    }
  });

  function addExperience(values) {
    const fragment = document.getElementById('experience-template').content.cloneNode(true);
    const item = fragment.querySelector('.experience-item');
    experienceList.appendChild(fragment);
    renumberExperience();
    Object.keys(values || {}).forEach((name) => {
      const input = item.querySelector('[data-part="' + name + '"] input');
      if (input) input.value = values[name];
    });
    item.querySelector('[data-remove]').addEventListener('click', () => {
      item.remove();
      renumberExperience();
      refresh();
      document.getElementById('f-experience-add').focus();
    });
    return item;
  }

  function renumberExperience() {
    experienceList.querySelectorAll('.experience-item').forEach((item, index) => {
      const number = index + 1;
      item.querySelector('[data-legend]').textContent = say('role', { number: number });
      item.querySelector('[data-remove]').textContent = say('remove', { number: number });
      item.querySelectorAll('[data-part]').forEach((part) => {
        const id = 'f-experience-' + number + '-' + part.dataset.part;
        const input = part.querySelector('input');
        const hint = part.querySelector('.hint');
        input.id = id;
        part.querySelector('label').htmlFor = id;
        if (hint) {
          hint.id = id + '-hint';
          input.setAttribute('aria-describedby', hint.id);
        }
      });
    });
  }

  document.getElementById('f-experience-add').addEventListener('click', () => {
    const item = addExperience({});
    item.querySelector('input').focus();
  });

  consentBox.addEventListener('change', () => {
    if (consentBox.checked && !state.consent) state.consent = today();
    if (!consentBox.checked && !state.loadedConsent) state.consent = '';
    state.touched.add('consent');
    refresh();
  });

  fileInput.addEventListener('input', () => { state.fileEdited = true; });

  // Hints belong to their control: each input names its hint, before any message is added.
  form.querySelectorAll('.field[data-key]').forEach((element) => {
    const control = fields[element.dataset.key].control;
    const hint = element.querySelector(':scope > .hint[id]');
    if (control && hint) control.setAttribute('aria-describedby', hint.id);
  });

  // A message shown as focus leaves a field moves what follows it: while a pointer is down (the
  // member is clicking something else), wait until the click is done, so it lands where aimed.
  let pointerDown = false;
  let pending = false;
  document.addEventListener('pointerdown', () => { pointerDown = true; }, true);
  ['pointerup', 'pointercancel'].forEach((type) => document.addEventListener(type, () => {
    pointerDown = false;
    if (pending) {
      pending = false;
      setTimeout(refresh, 0);
    }
  }, true));

  // The field a control belongs to, named as problems name it ("experience[2].from").
  function fieldOf(control) {
    const field = control.closest('[data-key], [data-part]');
    if (!field || control.classList.contains('filter')) return null;
    if (!field.dataset.part) return field.dataset.key;
    const item = field.closest('.experience-item');
    const index = Array.prototype.indexOf.call(experienceList.querySelectorAll('.experience-item'), item) + 1;
    return 'experience[' + index + '].' + field.dataset.part;
  }

  // "Reward early, punish late": a message appears once the member has changed a field and left
  // it (or submitted), and goes as soon as the value is right. Tabbing through says nothing.
  const edited = new Set();
  form.addEventListener('input', (event) => {
    const name = fieldOf(event.target);
    if (name) edited.add(name);
    refresh();
  });
  form.addEventListener('focusout', (event) => {
    const name = fieldOf(event.target);
    if (!name || !edited.has(name)) return;
    state.touched.add(name);
    if (pointerDown) pending = true;
    else refresh();
  });

  // ---- the result: download, copy, code host --------------------------------------------------

  const MAX_LINK = 8000; // longer links are refused by some code hosts and proxies
  let downloadUrl = null;

  function renderResult(values) {
    const text = fileText(values);
    const file = fileInput.value.trim() + '.md';
    const editing = Boolean(state.loaded) && state.loaded.slug === fileInput.value.trim();
    document.getElementById('result-file').value = text;
    document.getElementById('result-intro').textContent = say(editing ? 'intro_edit' : 'intro_new', { file: file });
    const download = document.getElementById('result-download');
    if (downloadUrl) URL.revokeObjectURL(downloadUrl);
    downloadUrl = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
    download.href = downloadUrl;
    download.download = file;
    const steps = document.getElementById('result-steps');
    steps.replaceChildren();
    const host = document.getElementById('result-host');
    const note = (name) => {
      const paragraph = document.createElement('p');
      paragraph.textContent = say(name);
      steps.appendChild(paragraph);
    };
    if (host && data.code_host) {
      const links = data.code_host;
      if (editing) {
        host.href = links.edit + encodeURIComponent(file);
        host.textContent = say('host_edit');
        note('steps_edit');
      } else {
        const named = links.new + '?' + links.name_param + '=' + encodeURIComponent(file);
        const full = named + '&' + links.content_param + '=' + encodeURIComponent(text);
        host.href = full.length <= MAX_LINK ? full : named;
        host.textContent = say('host_new');
        note('steps_new');
        if (full.length > MAX_LINK) note('host_long');
        else if (links.host === 'gitlab') note('gitlab_note');
      }
    } else {
      note('steps_none');
    }
    if (state.loaded) note('internal_note');
  }

  document.getElementById('result-copy').addEventListener('click', () => {
    const area = document.getElementById('result-file');
    const done = document.getElementById('result-copied');
    const fallback = () => {
      area.focus();
      area.select();
      let copied = false;
      try { copied = document.execCommand('copy'); } catch (error) { copied = false; }
      done.textContent = say(copied ? 'copied' : 'copy_select');
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(area.value).then(() => { done.textContent = say('copied'); }, fallback);
    } else {
      fallback();
    }
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    state.submitted = true;
    const { values, problems } = refresh();
    if (problems.length) {
      result.hidden = true;
      summaryBox.focus();
      return;
    }
    renderResult(values);
    result.hidden = false;
    result.focus();
  });

  // ---- loading a profile ---------------------------------------------------------------------

  function fill(values, body) {
    Object.keys(fields).forEach((key) => {
      const field = fields[key];
      const path = key.split('.');
      let value = values;
      path.forEach((name) => { value = value && typeof value === 'object' ? value[name] : undefined; });
      if (value === undefined || value === null || key === 'consent' || key === 'file' || key === 'body') return;
      if (field.widget === 'single') field.control.value = String(value);
      else if (field.widget === 'words') field.control.value = value.join(' ');
      else if (field.widget === 'lines') field.control.value = value.join('\n');
      else if (field.widget !== 'experience') fillChoices(key, value);
    });
    (values.experience || []).forEach((item) => addExperience(item));
    if (values.consent) {
      consentBox.checked = true;
      state.consent = String(values.consent);
      state.loadedConsent = true;
    }
    bodyInput.value = body || '';
  }

  function fillChoices(key, value) {
    const element = fields[key].element;
    const boxes = Array.from(element.querySelectorAll('.options input[type="checkbox"]'));
    const table = termTables[key];
    const others = [];
    value.forEach((raw) => {
      const wanted = table && table.size ? table.get(fold(String(raw))) : String(raw);
      const box = boxes.find((b) => b.value === wanted);
      if (box) {
        box.checked = true;
        if (!state.selected[key].includes(box.value)) state.selected[key].push(box.value);
      } else {
        others.push(String(raw));
      }
    });
    if (key === 'languages') document.getElementById('f-languages-other').value = others.join(' ');
  }

  function load(slug) {
    const notice = document.getElementById('form-loaded');
    if (!SLUG.test(slug)) return Promise.resolve();
    const url = data.profile_data.replace('{slug}', slug);
    return fetch(url, { credentials: 'same-origin' }).then((response) => {
      if (!response.ok) throw new Error(url + ': ' + response.status);
      return response.json();
    }).then((profile) => {
      fill(profile.front_matter, profile.body);
      state.loaded = { slug: profile.slug };
      fileInput.value = profile.slug;
      notice.textContent = say('loaded', { name: profile.front_matter.name || profile.slug });
      notice.hidden = false;
    }).catch(() => {
      notice.textContent = say('load_failed');
      notice.hidden = false;
    });
  }

  app.hidden = false;
  const slug = new URLSearchParams(location.search).get(data.profile_parameter);
  (slug ? load(slug) : Promise.resolve()).then(() => {
    refresh();
    form.dataset.ready = 'true';
  });
}());
