#!/usr/bin/env node
// Copies the HealthCare.gov glossary (a public-domain work of the US
// government) from the shared CSV into crates/server/data/glossary.json:
// only the term and its definition (the `lang`, `layout` and `source_path`
// columns are dropped; `layout` is noise), each term once (a term repeated
// in the CSV is kept at its first row).
//
//   node scripts/import-glossary.mjs [../shared/data/glossary.csv]
import { readFileSync, writeFileSync } from 'node:fs';

const input = process.argv[2] ?? '../shared/data/glossary.csv';
const output = new URL('../crates/server/data/glossary.json', import.meta.url);

/** RFC 4180 records (quoted fields may hold commas, quotes and newlines). */
function records(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

const [header, ...rows] = records(readFileSync(input, 'utf8'));
const col = (name) => header.indexOf(name);
const [term, definition] = [col('term'), col('definition')];
const seen = new Set();
const terms = [];
for (const r of rows) {
  const t = r[term].trim();
  const key = t.toLowerCase();
  if (!t || seen.has(key)) continue;
  seen.add(key);
  terms.push({ term: t, definition: r[definition].trim() });
}
const doc = {
  source: 'HealthCare.gov glossary (U.S. Centers for Medicare & Medicaid Services), https://www.healthcare.gov/glossary/',
  license: 'Public domain: a work of the U.S. federal government (17 U.S.C. 105).',
  terms,
};
writeFileSync(output, JSON.stringify(doc, null, 1) + '\n');
console.log(`${rows.length} rows, ${terms.length} terms written to ${output.pathname}`);
