// A Smart Ops agent in JavaScript as an MCP tool: an MCP server (the official TypeScript SDK,
// Streamable HTTP, stateless) with one tool, score_company, registered as an MCP-tool agent.
// Smart Ops' workers call the tool for every task the router gives the agent, with only the
// variables the binding maps to its arguments, and audit and price each call themselves.
//
// Settings: SMARTOPS_URL, SMARTOPS_ADMIN_USER/_PASSWORD, SMARTOPS_CAPABILITY, PORT (default 8766),
// PUBLIC_URL (how Smart Ops reaches it; default http://127.0.0.1:PORT/mcp).
import { createServer } from 'node:http';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { CAPABILITY, register } from './smartops.mjs';

const PORT = Number(process.env.PORT ?? 8766);
const PUBLIC_URL = process.env.PUBLIC_URL ?? `http://127.0.0.1:${PORT}/mcp`;

const tool = {
  name: 'score_company',
  description: 'Scores a lead by its company size (0..1) with a confidence.',
  inputSchema: { type: 'object', required: ['company'], properties: { company: { type: 'string' }, employees: { type: 'integer' } } },
  outputSchema: { type: 'object', required: ['score', 'confidence'], properties: { score: { type: 'number' }, confidence: { type: 'number' } } },
};

function mcpServer() {
  const server = new Server({ name: 'js-size-scorer', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [tool] }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    if (request.params.name !== tool.name) {
      return { isError: true, content: [{ type: 'text', text: `no tool ${request.params.name}` }] };
    }
    const employees = request.params.arguments?.employees ?? 0;
    const result = { score: Math.min(1, 0.2 + employees / 1000), confidence: employees ? 0.9 : 0.5 };
    return { structuredContent: result, content: [{ type: 'text', text: JSON.stringify(result) }] };
  });
  return server;
}

createServer(async (req, res) => {
  if (req.url !== '/mcp') {
    res.writeHead(404).end();
    return;
  }
  // stateless: a server and transport per request, no session to keep
  const server = mcpServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  res.on('close', () => { transport.close(); server.close(); });
  await server.connect(transport);
  await transport.handleRequest(req, res);
}).listen(PORT, '127.0.0.1', async () => {
  console.log(`MCP server on ${PUBLIC_URL}`);
  const agent = await register({
    capability: CAPABILITY, name: `JavaScript MCP size scorer ${CAPABILITY}`, version: '1.0',
    costPerCall: 0.0004, expectedLatencyMillis: 40, quality: 0.86,
    mcp: { serverUrl: PUBLIC_URL, tool: 'score_company', arguments: { company: 'companyName', employees: 'employees' },
      outputs: { score: 'score' }, confidence: 'confidence' },
  });
  console.log(`registered ${agent.id} on topic ${agent.topic}`);
});
