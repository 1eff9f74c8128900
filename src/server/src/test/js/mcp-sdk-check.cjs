// MCP conformance check with the official TypeScript SDK, driven by TypeScriptMcpClientTests.
// usage: node mcp-sdk-check.cjs MCP_URL USER PASSWORD CALLS_JSON_FILE
// Connects as USER (and once without credentials), lists the tools, makes each call of the file
// ([{"tool": ..., "arguments": {...}}]) and prints one JSON report on stdout. The SDK's client checks
// every structured result against the tool's output schema, so a result that breaks its schema
// shows up as an error here.
const fs = require('fs');
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

const [url, user, password, callsFile] = process.argv.slice(2);

function client() {
  return new Client({ name: 'smartops-ts-check', version: '1.0.0' });
}

function transport(headers) {
  return new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
}

(async () => {
  const report = { calls: [] };
  try {
    await client().connect(transport({}));
    report.anonymous = 'connected';
  } catch (e) {
    report.anonymous = `${e.code ?? ''} ${e.message || e}`;
  }
  const authorization = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
  const c = client();
  await c.connect(transport({ Authorization: authorization }));
  report.server = c.getServerVersion();
  const tools = (await c.listTools()).tools;
  report.tools = tools.map((t) => ({ name: t.name, hasInputSchema: !!t.inputSchema, hasOutputSchema: !!t.outputSchema }));
  report.resourceTemplates = (await c.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
  for (const call of JSON.parse(fs.readFileSync(callsFile, 'utf8'))) {
    try {
      const result = await c.callTool({ name: call.tool, arguments: call.arguments });
      report.calls.push({ tool: call.tool, isError: !!result.isError, structured: result.structuredContent ?? null,
        text: (result.content || []).filter((x) => x.type === 'text').map((x) => x.text).join('\n') });
    } catch (e) {
      report.calls.push({ tool: call.tool, thrown: String(e.message || e) });
    }
  }
  await c.close();
  process.stdout.write(JSON.stringify(report));
})().catch((e) => {
  process.stderr.write(String(e.stack || e));
  process.exit(1);
});
