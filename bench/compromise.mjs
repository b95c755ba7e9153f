// Runs compromise (https://github.com/spencermountain/compromise) over the
// files named on the command line and prints, per file, the people, places,
// organisations and quotations it finds, as JSON Lines — the same job
// newsgraph analyze does, for a whole-process speed comparison.
import fs from 'node:fs';
import nlp from 'compromise';

let people = 0, places = 0, orgs = 0, quotes = 0;
const out = [];
for (const f of process.argv.slice(2)) {
  const doc = nlp(fs.readFileSync(f, 'utf8'));
  const rec = {
    path: f,
    people: doc.people().out('array'),
    places: doc.places().out('array'),
    organizations: doc.organizations().out('array'),
    quotations: doc.quotations().out('array'),
  };
  people += rec.people.length; places += rec.places.length;
  orgs += rec.organizations.length; quotes += rec.quotations.length;
  out.push(JSON.stringify(rec));
}
fs.writeFileSync(1, out.join('\n') + '\n');
console.error(JSON.stringify({people, places, organizations: orgs, quotations: quotes}));
