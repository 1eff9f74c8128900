// Smart Ops from an MCP client (the official TypeScript SDK over Streamable HTTP): plan a
// scenario with the optimizer, read the whole plan as a resource, submit a lead and start a
// coordinator run; prints what came back as one JSON document.
//
// usage: node smartops-mcp-client.mjs SCENARIO_FILE
// Settings: SMARTOPS_URL, SMARTOPS_USER/_PASSWORD (a user in the tools' groups; the demo's
// administrator demo/demo is in all of them).
import { readFile } from 'node:fs/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { URL_, basic } from './smartops.mjs';

const account = { user: process.env.SMARTOPS_USER ?? 'demo', password: process.env.SMARTOPS_PASSWORD ?? 'demo' };
const scenario = JSON.parse(await readFile(process.argv[2], 'utf8'));

const client = new Client({ name: 'smartops-example-client', version: '1.0.0' });
await client.connect(new StreamableHTTPClientTransport(new URL(`${URL_}/mcp`), {
  requestInit: { headers: { Authorization: basic(account) } },
}));

async function tool(name, args) {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) throw new Error(`${name}: ${result.content.map((c) => c.text).join(' ')}`);
  return result.structuredContent;
}

const tools = (await client.listTools()).tools.map((t) => t.name);
const plan = await tool('plan_scenario', { scenario });
const document = await client.readResource({ uri: plan.planUri });
const whole = JSON.parse(document.contents[0].text);
const lead = await tool('submit_lead', {
  companyName: 'Example Tooling GmbH', contactName: 'Mia', email: 'mia@example-tooling.example', country: 'DE', employees: 250,
});
const run = await tool('start_coordinator_run', { horizon: 2 });
await client.close();

console.log(JSON.stringify({
  tools,
  plan: { status: plan.status, margin: plan.margin, binding: plan.bindingConstraints.map((c) => `${c.name} dual ${c.dual}`), shipments: whole.shipments.length },
  lead: lead.processInstanceId,
  run: { id: run.run.id, status: run.run.status },
}, null, 2));
