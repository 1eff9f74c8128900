// Validates every element template in processes/.camunda/element-templates against
// @camunda/element-templates-json-schema. Exits 1 naming each template and error.
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');
const schema = require('@camunda/element-templates-json-schema/resources/schema.json');

const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
const dir = path.join(__dirname, '..', 'processes', '.camunda', 'element-templates');
let failures = 0;
let count = 0;
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const parsed = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  for (const template of Array.isArray(parsed) ? parsed : [parsed]) {
    count++;
    if (!validate(template)) {
      failures++;
      for (const e of validate.errors) {
        console.error(`${file}: ${template.id}: ${e.instancePath || '/'} ${e.message}`);
      }
    }
  }
}
console.log(`${count} element templates checked, ${failures} invalid`);
process.exit(failures === 0 && count > 0 ? 0 : 1);
